/* torino.socialplan: names for the stock widgets of Plone's edit forms that
   have none (axe-core: frame-title, select-name, link-name, label,
   aria-required-attr), for signed-in users only (registry:
   public_scripts.xml). The words come translated from the page
   (<script id="socialplan-staff-strings">, browser/staff.py). Widgets are
   drawn by Plone's patterns after the page has loaded: each change of the
   page is looked at again, briefly. */
(() => {
  const source = document.getElementById("socialplan-staff-strings");
  if (!source) {
    return;
  }
  const strings = JSON.parse(source.textContent);

  function labelOf(field) {
    const wrapper = field.closest(".field, [data-fieldname]");
    const label = wrapper && wrapper.querySelector("label, .form-label");
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function name(node, text) {
    if (text && !node.getAttribute("aria-label") && !node.getAttribute("title")) {
      node.setAttribute("aria-label", text);
    }
  }

  function fix() {
    // TinyMCE: the editing frame, the text format, the resize handle.
    for (const frame of document.querySelectorAll("iframe.tox-edit-area__iframe:not([title])")) {
      const field = frame.closest(".field, [data-fieldname]");
      const label = field ? labelOf(field) : "";
      frame.setAttribute("title", label ? `${strings.editor}: ${label}` : strings.editor);
    }
    for (const select of document.querySelectorAll("select[id$='_text_format']")) {
      name(select, strings.format);
    }
    for (const handle of document.querySelectorAll(
      ".tox-statusbar__resize-handle[role=separator]:not([aria-valuenow])",
    )) {
      const editor = handle.closest(".tox-tinymce");
      handle.setAttribute("aria-valuenow", String(editor ? editor.offsetHeight : 0));
    }
    // Related items: the path's home link and each chosen item's remove link.
    for (const crumb of document.querySelectorAll("a.crumb")) {
      if (!crumb.textContent.trim()) {
        name(crumb, strings.home);
      }
    }
    for (const close of document.querySelectorAll(".select2-search-choice-close")) {
      const item = close.closest(".select2-search-choice");
      const text = item ? item.textContent.replace(/\s+/g, " ").trim() : "";
      name(close, text ? `${strings.remove}: ${text}` : strings.remove);
    }
    // File fields: the chooser named by the field's label.
    for (const input of document.querySelectorAll("input[type=file]")) {
      if (!input.labels.length) {
        name(input, labelOf(input));
      }
    }
    // Data grids (phases, indicators...) and the sharing page's roles: a
    // control in a table cell is named by its column, and its row (the
    // row's number in a grid, the person on the sharing page).
    for (const control of document.querySelectorAll(
      "table td input:not([type=hidden]), table td select, table td textarea",
    )) {
      if (control.labels.length || control.getAttribute("aria-label")) {
        continue;
      }
      const cell = control.closest("td");
      const row = cell.parentElement;
      const table = cell.closest("table");
      const index = Array.from(row.children).indexOf(cell);
      const head = table.querySelectorAll("thead tr:last-child th")[index];
      const column = head ? head.textContent.replace(/\s+/g, " ").trim() : "";
      const sharing = table.closest("#user-group-sharing");
      const rows = Array.from(row.parentElement.children).filter(
        (r) => !r.hidden && !r.classList.contains("datagridwidget-empty-row"),
      );
      const which = sharing
        ? row.querySelector("td").textContent.replace(/\s+/g, " ").trim()
        : `${strings.row} ${rows.indexOf(row) + 1}`;
      name(control, [column, which].filter(Boolean).join(", "));
    }
  }

  let pending = null;
  const observer = new MutationObserver(() => {
    if (!pending) {
      pending = requestAnimationFrame(() => {
        pending = null;
        fix();
      });
    }
  });
  fix();
  observer.observe(document.body, { childList: true, subtree: true });
})();
