/* torino.socialplan: the menu of a phone for anonymous visitors, who get no
   Plone bundle (profiles/default/registry/public_scripts.xml): the
   offcanvas panel of Barceloneta's header opened and closed as Bootstrap
   would (class "show", a backdrop, Escape, the focus kept inside), in a
   kilobyte instead of Plone's patterns. Signed-in users keep Plone's bundle
   and Bootstrap's own script. */
(() => {
  const toggler = document.querySelector(".navbar-toggler[aria-controls]");
  const panel = toggler && document.getElementById(toggler.getAttribute("aria-controls"));
  if (!panel) {
    return;
  }
  const closer = panel.querySelector("[data-bs-dismiss=offcanvas]");
  let backdrop = null;

  function focusables() {
    return Array.from(
      panel.querySelectorAll("a[href], button, input, select, textarea"),
    ).filter((node) => !node.disabled && node.offsetParent !== null);
  }

  function onKey(event) {
    if (event.key === "Escape") {
      hide();
    } else if (event.key === "Tab") {
      const nodes = focusables();
      if (!nodes.length) {
        return;
      }
      const first = nodes[0];
      const last = nodes[nodes.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  function show() {
    panel.classList.add("show");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    toggler.setAttribute("aria-expanded", "true");
    backdrop = document.createElement("div");
    backdrop.className = "offcanvas-backdrop fade show";
    backdrop.addEventListener("click", hide);
    document.body.append(backdrop);
    document.addEventListener("keydown", onKey);
    (closer || panel).focus();
  }

  function hide() {
    panel.classList.remove("show");
    panel.removeAttribute("role");
    panel.removeAttribute("aria-modal");
    toggler.setAttribute("aria-expanded", "false");
    if (backdrop) {
      backdrop.remove();
      backdrop = null;
    }
    document.removeEventListener("keydown", onKey);
    toggler.focus();
  }

  toggler.setAttribute("aria-expanded", "false");
  toggler.addEventListener("click", show);
  if (closer) {
    closer.addEventListener("click", hide);
  }
})();
