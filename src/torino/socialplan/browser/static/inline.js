/* torino.socialplan: inline feedback on a Plan, Chapter or Action page.

   Progressive enhancement of server-rendered HTML that works without it:
   - each paragraph's marker link becomes a toggle button opening, below the
     paragraph, its published inline comments (@@inline-comments) and a copy
     of the page's comment form that posts a passage or the whole paragraph;
   - a text selection inside one paragraph (mouse, touch, caret browsing)
     offers a "Comment on the selected passage" button; keyboard users can
     also choose one of the paragraph's sentences in the panel;
   - published passages are highlighted with <mark>;
   - "Load more comments" appends the next batch (@@comments-batch).

   Paragraph text follows the server's rule: the element's text content
   without our own UI ([data-socialplan-ui]), whitespace runs collapsed to one
   space and trimmed, as `textContent.replace(/\s+/g, " ").trim()`. Offsets
   sent to and received from the server count code points. */

const UI = "data-socialplan-ui";
const SPACE = /\s/;
const CONTEXT = 32;
// Paragraph elements whose content model takes a panel inside them.
const PANEL_INSIDE = new Set(["LI", "TD", "TH", "DD", "DT", "FIGCAPTION"]);
const configElement = document.getElementById("socialplan-inline-config");
const config = configElement ? JSON.parse(configElement.textContent) : null;
const body = document.getElementById("parent-fieldname-text");
const strings = config ? config.strings : {};
// The comment's fields, in the schema's order (ICommentFields), and those
// that identify the person, kept in the form for the next comment.
const FIELDS = config ? config.fields : [];
const PERSONAL = config ? config.personal : [];

// Text model ---------------------------------------------------------------

function textNodes(element) {
  const nodes = [];
  const walker = document.createTreeWalker(
    element,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
    {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) {
          return NodeFilter.FILTER_ACCEPT;
        }
        return node.hasAttribute(UI)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP;
      },
    },
  );
  while (walker.nextNode()) {
    nodes.push(walker.currentNode);
  }
  return nodes;
}

/* The normalised text of a paragraph element, with the way back to the DOM:
   `chars[i]` is the [node index, offset] that gave character i (for a
   collapsed space, the first blank of its run); `bounds[k][o]` is the text
   index of the point before offset o of text node k. */
function textModel(element) {
  const nodes = textNodes(element);
  const chars = [];
  const bounds = [];
  let text = "";
  let pending = null;
  nodes.forEach((node, k) => {
    const data = node.data;
    const nodeBounds = new Int32Array(data.length + 1);
    for (let o = 0; o < data.length; o += 1) {
      const ch = data[o];
      if (SPACE.test(ch)) {
        nodeBounds[o] = text.length;
        if (text.length && !pending) {
          pending = [k, o];
        }
        continue;
      }
      if (pending) {
        chars.push(pending);
        text += " ";
        pending = null;
      }
      nodeBounds[o] = text.length;
      chars.push([k, o]);
      text += ch;
    }
    nodeBounds[data.length] = text.length;
    bounds.push(nodeBounds);
  });
  return { element, nodes, chars, bounds, text };
}

function codePoints(text) {
  let count = 0;
  for (const _char of text) {
    count += 1;
  }
  return count;
}

// The UTF-16 index of code point `cp` of `text`.
function unitIndex(text, cp) {
  let index = 0;
  for (let n = 0; n < cp && index < text.length; n += 1) {
    index += text.codePointAt(index) > 0xffff ? 2 : 1;
  }
  return index;
}

// The text index of a DOM boundary point inside `model.element`.
function offsetOf(model, container, offset) {
  const k = model.nodes.indexOf(container);
  if (k >= 0) {
    return model.bounds[k][offset];
  }
  // An element boundary (or one in our UI): the next text node's start.
  const point = document.createRange();
  point.setStart(container, offset);
  for (let i = 0; i < model.nodes.length; i += 1) {
    if (point.comparePoint(model.nodes[i], 0) >= 0) {
      return model.bounds[i][0];
    }
  }
  return model.text.length;
}

function paragraphs() {
  return body ? Array.from(body.querySelectorAll("[data-paragraph]")) : [];
}

const texts = new WeakMap();

function paragraphText(element) {
  if (!texts.has(element)) {
    texts.set(element, textModel(element).text);
  }
  return texts.get(element);
}

// Where the paragraph starts in the document text (paragraphs joined by "\n").
function documentOffset(element) {
  let offset = 0;
  for (const paragraph of paragraphs()) {
    if (paragraph === element) {
      return offset;
    }
    offset += codePoints(paragraphText(paragraph)) + 1;
  }
  return offset;
}

function paragraphOf(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  if (!element || !body || !body.contains(element)) {
    return null;
  }
  if (element.closest(`[${UI}="panel"]`)) {
    return null;
  }
  return element.closest("[data-paragraph]");
}

/* A passage of a paragraph as a TextQuoteSelector: exact, prefix and suffix
   (up to 32 code points of the same paragraph), position in the document. */
function selectorFor(element, start, end) {
  const text = paragraphText(element);
  const before = Array.from(text.slice(0, start));
  const exact = text.slice(start, end);
  const origin = documentOffset(element) + before.length;
  return {
    exact,
    prefix: before.slice(-CONTEXT).join(""),
    suffix: Array.from(text.slice(end)).slice(0, CONTEXT).join(""),
    start: origin,
    end: origin + codePoints(exact),
  };
}

function trimmed(text, start, end) {
  let s = start;
  let e = end;
  while (s < e && text[s] === " ") {
    s += 1;
  }
  while (e > s && text[e - 1] === " ") {
    e -= 1;
  }
  return [s, e];
}

function selectedPassage() {
  const selection = document.getSelection();
  if (!selection || !selection.rangeCount || selection.isCollapsed) {
    return null;
  }
  const range = selection.getRangeAt(0);
  const element = paragraphOf(range.startContainer);
  // A passage lies within one paragraph.
  if (!element || paragraphOf(range.endContainer) !== element) {
    return null;
  }
  const model = textModel(element);
  const [start, end] = trimmed(
    model.text,
    offsetOf(model, range.startContainer, range.startOffset),
    offsetOf(model, range.endContainer, range.endOffset),
  );
  if (start >= end) {
    return null;
  }
  return { element, range, selector: selectorFor(element, start, end) };
}

function sentences(text) {
  const found = [];
  const add = (start, end) => {
    const [s, e] = trimmed(text, start, end);
    if (s < e) {
      found.push({ start: s, end: e, text: text.slice(s, e) });
    }
  };
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    const segmenter = new Intl.Segmenter(config.language || undefined, {
      granularity: "sentence",
    });
    for (const { segment, index } of segmenter.segment(text)) {
      add(index, index + segment.length);
    }
  } else {
    for (const match of text.matchAll(/[^.!?]+[.!?]*/g)) {
      add(match.index, match.index + match[0].length);
    }
  }
  return found;
}

// Small DOM helpers --------------------------------------------------------

function element(tag, attributes = {}, text = null) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text !== null) {
    node.textContent = text;
  }
  return node;
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

async function getHTML(url) {
  const response = await fetch(url, {
    credentials: "same-origin",
    headers: { Accept: "text/html" },
  });
  if (!response.ok) {
    throw new Error(`${response.status}`);
  }
  return fragment(await response.text());
}

// Markers and panels -------------------------------------------------------

let current = null; // {paragraph, button, panel}

function markerOf(paragraph) {
  const id = paragraph.dataset.paragraph;
  return body.querySelector(`[${UI}="marker"][data-paragraph-id="${id}"]`);
}

function upgradeMarker(link) {
  const button = element("button", {
    type: "button",
    class: link.className,
    [UI]: "marker",
    "data-paragraph-id": link.dataset.paragraphId,
    "data-count": link.dataset.count,
    "aria-expanded": "false",
  });
  button.append(...link.childNodes);
  link.replaceWith(button);
  button.addEventListener("click", () => {
    const paragraph = body.querySelector(
      `[data-paragraph="${button.dataset.paragraphId}"]`,
    );
    if (current && current.paragraph === paragraph) {
      close();
    } else {
      open(paragraph);
    }
  });
}

function panelPlace(paragraph) {
  if (PANEL_INSIDE.has(paragraph.tagName)) {
    return (panel) => paragraph.append(panel);
  }
  const next = paragraph.nextElementSibling;
  const after = next && next.getAttribute(UI) === "row" ? next : paragraph;
  return (panel) => after.after(panel);
}

function buildPanel(paragraph) {
  const id = `socialplan-panel-${paragraph.dataset.paragraph}`;
  const panel = element("section", {
    class: "socialplan-inline-panel",
    id,
    [UI]: "panel",
    "aria-labelledby": `${id}-heading`,
  });
  const bar = element("div", { class: "socialplan-inline-panel__bar" });
  bar.append(
    element(
      "h3",
      { class: "socialplan-inline-panel__heading", id: `${id}-heading` },
      strings.panel,
    ),
  );
  const closeButton = element(
    "button",
    { type: "button", class: "btn btn-sm btn-outline-secondary" },
    strings.close,
  );
  closeButton.addEventListener("click", () => close());
  bar.append(closeButton);
  // Empty until a comment is sent: a live region must exist before its text
  // changes to be announced.
  const thanks = element("p", {
    class: "socialplan-inline-thanks",
    role: "status",
    tabindex: "-1",
  });
  const comments = element("div", {
    class: "socialplan-inline-panel__comments",
  });
  comments.append(element("p", {}, strings.loading));
  const all = element("p", { class: "socialplan-inline-panel__all" });
  all.append(element("a", { href: "#socialplan-comments" }, strings.viewAll));
  panel.append(bar, thanks, comments, all);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  return panel;
}

async function loadComments(panel, paragraph) {
  const box = panel.querySelector(".socialplan-inline-panel__comments");
  box.setAttribute("aria-busy", "true");
  const url = `${config.urls.inline}?paragraph=${encodeURIComponent(
    paragraph.dataset.paragraph,
  )}`;
  try {
    const content = await getHTML(url);
    box.replaceChildren(content);
  } catch {
    box.replaceChildren(element("p", { class: "text-danger" }, strings.loadError));
  }
  box.removeAttribute("aria-busy");
}

function open(paragraph, { selector = null, focus = null } = {}) {
  if (current && current.paragraph !== paragraph) {
    close({ restoreFocus: false });
  }
  if (!current) {
    const panel = buildPanel(paragraph);
    panelPlace(paragraph)(panel);
    current = { paragraph, panel, button: markerOf(paragraph) };
    if (current.button) {
      current.button.setAttribute("aria-expanded", "true");
      current.button.setAttribute("aria-controls", panel.id);
    }
    current.loaded = loadComments(panel, paragraph);
  }
  if (config.open) {
    showForm(current.panel);
    choosePassage(paragraph, selector);
  }
  if (focus === "text") {
    document.getElementById("inline-comment-text").focus();
  }
  return current;
}

function close({ restoreFocus = true } = {}) {
  if (!current) {
    return;
  }
  const { panel, button } = current;
  const form = panel.querySelector("form");
  if (form) {
    form.remove(); // kept for the next panel, with what was typed
  }
  panel.remove();
  if (button) {
    button.setAttribute("aria-expanded", "false");
    button.removeAttribute("aria-controls");
    if (restoreFocus) {
      button.focus();
    }
  }
  current = null;
}

// After a comment is sent: thanks, and an offer to forget the details -----

function clearThanks(panel) {
  const thanks = panel.querySelector(".socialplan-inline-thanks");
  if (thanks) {
    thanks.textContent = "";
  }
  panel.querySelector(`[${UI}="offer"]`)?.remove();
}

// The form back in the panel, in place of the thanks.
function showForm(panel) {
  const form = inlineForm();
  clearThanks(panel);
  if (form.parentElement !== panel) {
    panel.append(form);
  }
}

function hasPersonalData(form) {
  return PERSONAL.some((name) => {
    const control = form.elements.namedItem(name);
    if (!control) {
      return false;
    }
    return control.type === "checkbox" ? control.checked : control.value !== "";
  });
}

/* Forget what identifies the person: the inline form goes (the next one is a
   fresh, empty copy) and the page's own form loses those fields too. Nothing
   is kept in storage or cookies: the page's memory is all there is. */
function forgetPersonalData() {
  if (inline) {
    inline.form.remove();
    inline = null;
  }
  const source = document.getElementById("socialplan-comment-form");
  for (const name of PERSONAL) {
    const control = source && source.elements.namedItem(name);
    if (!control) {
      continue;
    }
    if (control.type === "checkbox") {
      control.checked = false;
    } else if (control.tagName === "SELECT") {
      control.selectedIndex = 0;
    } else {
      control.value = "";
    }
  }
}

/* The panel closes to the thanks, near its top: focus moves there (a live
   region too), followed by the offer to forget the details typed and a way
   back to the form. The offer's words come from the page
   (<template id="socialplan-inline-thanks">, translated there). */
function showThanks(panel, message) {
  const form = inline.form;
  const offerWanted = hasPersonalData(form);
  form.remove(); // kept for the next comment, with the details typed
  clearThanks(panel);
  const thanks = panel.querySelector(".socialplan-inline-thanks");
  thanks.textContent = message;
  const template = document.getElementById("socialplan-inline-thanks");
  if (template) {
    const offer = template.content.firstElementChild.cloneNode(true);
    offer.setAttribute(UI, "offer");
    const forget = offer.querySelector("[data-action=forget]");
    const forgotten = offer.querySelector("[data-part=forgotten]");
    if (!offerWanted) {
      forget.closest("[data-part=forget]").remove();
    } else {
      forget.addEventListener("click", () => {
        forgetPersonalData();
        forget.closest("[data-part=forget]").remove();
        // A live region already in the page: announced; focus follows it
        // because the button it replaces is gone.
        forgotten.textContent = forgotten.dataset.message;
        forgotten.focus();
      });
    }
    offer.querySelector("[data-action=another]").addEventListener("click", () => {
      showForm(panel);
      document.getElementById("inline-comment-text").focus();
    });
    thanks.after(offer);
  }
  thanks.focus();
}

// The inline form: a copy of the page's comment form -----------------------

let inline = null;

function prefixIds(root) {
  const rename = (value) => `inline-${value}`;
  for (const node of root.querySelectorAll("[id]")) {
    node.id = rename(node.id);
  }
  for (const node of root.querySelectorAll("label[for]")) {
    node.htmlFor = rename(node.htmlFor);
  }
  for (const node of root.querySelectorAll("[aria-describedby]")) {
    const ids = node.getAttribute("aria-describedby").split(/\s+/);
    node.setAttribute(
      "aria-describedby",
      ids
        .filter((id) => !id.endsWith("-error"))
        .map(rename)
        .join(" "),
    );
  }
}

function inlineForm() {
  if (inline) {
    return inline.form;
  }
  const source = document.getElementById("socialplan-comment-form");
  const form = source.cloneNode(true);
  form.id = "socialplan-inline-form";
  form.classList.add("socialplan-inline-form");
  form.setAttribute(UI, "form");
  form.action = config.urls.submit;
  form
    .querySelectorAll(
      "[data-form-part], input[name=in_reply_to], .invalid-feedback",
    )
    .forEach((node) => node.remove());
  for (const control of form.querySelectorAll("input, textarea, select")) {
    control.classList.remove("is-invalid");
    control.removeAttribute("aria-invalid");
    if (control.type === "checkbox") {
      control.checked = false;
    } else if (control.tagName === "SELECT") {
      control.selectedIndex = 0;
    } else if (control.type !== "hidden") {
      control.value = "";
    }
  }
  for (const field of form.querySelectorAll(".field.error")) {
    field.classList.remove("error");
  }
  prefixIds(form);

  const passage = element("div", { class: "mb-3 socialplan-form-passage" });
  passage.append(element("p", { class: "form-label" }, strings.quote));
  const quote = element("blockquote", { class: "socialplan-quote" });
  const quoteText = element("p");
  quote.append(quoteText);
  const label = element(
    "label",
    { class: "form-label", for: "inline-comment-passage" },
    strings.choose,
  );
  const choice = element("select", {
    class: "form-select",
    id: "inline-comment-passage",
  });
  const error = element("div", {
    class: "invalid-feedback d-block",
    id: "inline-comment-passage-error",
  });
  error.hidden = true;
  passage.append(quote, label, choice, error);
  const hidden = {};
  for (const name of [
    "paragraph",
    "anchor_exact",
    "anchor_prefix",
    "anchor_suffix",
    "anchor_start",
    "anchor_end",
  ]) {
    hidden[name] = element("input", { type: "hidden", name, value: "" });
    passage.append(hidden[name]);
  }
  const top = element("div", {
    class: "alert alert-danger",
    role: "alert",
    tabindex: "-1",
  });
  top.hidden = true;
  const status = element("div", {
    class: "socialplan-inline-status",
    role: "status",
  });
  form.prepend(passage);
  form.prepend(top);
  form.append(status);

  choice.addEventListener("change", () => {
    const option = inline.options[Number(choice.value)];
    setPassage(option);
  });
  form.addEventListener("submit", submit);
  inline = { form, quoteText, choice, hidden, top, status, error, options: [] };
  return form;
}

function setPassage(option) {
  const { hidden, quoteText } = inline;
  for (const input of Object.values(hidden)) {
    input.value = "";
  }
  quoteText.textContent = option.quote;
  if (option.paragraph) {
    hidden.paragraph.value = option.paragraph;
    return;
  }
  const { exact, prefix, suffix, start, end } = option.selector;
  hidden.anchor_exact.value = exact;
  hidden.anchor_prefix.value = prefix;
  hidden.anchor_suffix.value = suffix;
  hidden.anchor_start.value = String(start);
  hidden.anchor_end.value = String(end);
}

/* The passage choices of a paragraph: the selected passage (if any), the
   whole paragraph, then each of its sentences. */
function choosePassage(paragraph, selector) {
  const text = paragraphText(paragraph);
  const options = [];
  if (selector) {
    options.push({ label: strings.selected, quote: selector.exact, selector });
  }
  options.push({
    label: strings.whole,
    quote: text,
    paragraph: paragraph.dataset.paragraph,
  });
  const parts = sentences(text);
  if (parts.length > 1) {
    for (const part of parts) {
      options.push({
        label: part.text,
        quote: part.text,
        selector: selectorFor(paragraph, part.start, part.end),
      });
    }
  }
  inline.options = options;
  inline.choice.replaceChildren(
    ...options.map((option, index) =>
      element("option", { value: String(index) }, option.label),
    ),
  );
  inline.choice.value = "0";
  setPassage(options[0]);
}

function clearErrors() {
  const { form, top, error } = inline;
  top.hidden = true;
  top.replaceChildren();
  error.hidden = true;
  error.textContent = "";
  for (const node of form.querySelectorAll(".invalid-feedback")) {
    if (node !== error) {
      node.remove();
    }
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
    control.classList.remove("is-invalid");
    const ids = (control.getAttribute("aria-describedby") || "")
      .split(/\s+/)
      .filter((id) => id && !id.endsWith("-error"));
    if (ids.length) {
      control.setAttribute("aria-describedby", ids.join(" "));
    } else {
      control.removeAttribute("aria-describedby");
    }
  }
}

function showErrors(errors) {
  const { form, top, error } = inline;
  const tops = [];
  const invalid = new Set();
  for (const { field, message } of errors) {
    const control = FIELDS.includes(field)
      ? form.querySelector(`#inline-comment-${field}`)
      : null;
    if (field === "anchor" || field === "paragraph") {
      error.textContent = message;
      error.hidden = false;
      invalid.add(inline.choice);
      inline.choice.setAttribute("aria-invalid", "true");
      inline.choice.setAttribute("aria-describedby", error.id);
    } else if (control && !invalid.has(control)) {
      invalid.add(control);
      const note = element(
        "div",
        { class: "invalid-feedback d-block", id: `inline-comment-${field}-error` },
        message,
      );
      control.closest(".field, .mb-3").append(note);
      control.classList.add("is-invalid");
      control.setAttribute("aria-invalid", "true");
      const ids = (control.getAttribute("aria-describedby") || "")
        .split(/\s+/)
        .filter(Boolean);
      control.setAttribute("aria-describedby", [...ids, note.id].join(" "));
    } else if (!control) {
      tops.push(message);
    }
  }
  // The summary: the messages of no field, then a link to each field in
  // error, in the order of the form; it takes the focus.
  const parts = (tops.length || !invalid.size ? tops : [strings.errors]).map((m) =>
    element("p", {}, m),
  );
  const list = element("ul");
  for (const control of form.querySelectorAll("select, input, textarea")) {
    if (!invalid.has(control)) {
      continue;
    }
    const label = form.querySelector(`label[for="${control.id}"]`);
    const note = document.getElementById(
      control.getAttribute("aria-describedby").split(/\s+/).pop(),
    );
    const link = element(
      "a",
      { href: `#${control.id}` },
      `${label ? label.textContent.trim() : ""}: ${note ? note.textContent : ""}`,
    );
    link.addEventListener("click", (event) => {
      event.preventDefault();
      control.focus();
    });
    list.append(element("li", {}, null));
    list.lastChild.append(link);
  }
  if (list.childElementCount) {
    if (tops.length) {
      parts.push(element("p", {}, strings.errors));
    }
    parts.push(list);
  }
  top.replaceChildren(...parts);
  top.hidden = false;
  top.focus();
}

async function submit(event) {
  event.preventDefault();
  const { form, status } = inline;
  // Not `disabled`: a disabled button would drop the keyboard focus.
  if (inline.busy) {
    return;
  }
  inline.busy = true;
  clearErrors();
  status.textContent = "";
  let response = null;
  let data = null;
  try {
    response = await fetch(config.urls.submit, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    data = await response.json();
  } catch {
    data = null;
  } finally {
    inline.busy = false;
  }
  if (response && response.ok && data) {
    form.querySelector("#inline-comment-text").value = "";
    if (current && current.panel.contains(form)) {
      showThanks(current.panel, data.message);
      if (data.state === "published") {
        loadComments(current.panel, current.paragraph);
      }
    } else {
      status.textContent = data.message;
    }
  } else if (data && Array.isArray(data.errors)) {
    showErrors(data.errors);
  } else {
    showErrors([{ field: null, message: strings.sendError }]);
  }
}

// Selection ----------------------------------------------------------------

let selectionButton = null;
let selectionTimer = null;
// Bootstrap's "sm" breakpoint: below it, a phone.
const PHONE = window.matchMedia("(max-width: 575.98px)");
// How far below a selection a phone draws its handles.
const HANDLES = 32;

function hideSelectionButton() {
  if (selectionButton) {
    selectionButton.remove();
    selectionButton = null;
  }
}

function showSelectionButton(passage) {
  hideSelectionButton();
  const button = element(
    "button",
    {
      type: "button",
      class: "btn btn-primary btn-sm socialplan-selection-button",
      [UI]: "selection",
    },
    strings.selection,
  );
  button.passage = passage;
  // Keep the selection when the button is pressed with a mouse.
  button.addEventListener("mousedown", (event) => event.preventDefault());
  button.addEventListener("click", () => {
    const { element: paragraph, selector } = button.passage;
    hideSelectionButton();
    open(paragraph, { selector, focus: "text" });
  });
  button.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hideSelectionButton();
    }
  });
  // Next in the tab order after the passage: before the paragraph's marker.
  const paragraph = passage.element;
  const marker = markerOf(paragraph);
  if (marker && paragraph.contains(marker)) {
    marker.before(button);
  } else if (marker) {
    marker.parentElement.prepend(button);
  } else {
    paragraph.append(button);
  }
  selectionButton = button;
  if (PHONE.matches) {
    button.classList.add("socialplan-selection-button--bar");
    placeBar();
    return;
  }
  // Elsewhere: in the flow, on a line of its own below the paragraph's
  // text, so that it covers no text (the next heading included).
  button.classList.add("socialplan-selection-button--below");
}

/* On a phone the button is a bar fixed at the bottom of the viewport: below
   the selection it would sit on the next lines and the system's selection
   handles. When the selection reaches down there, the bar goes to the top. */
function placeBar() {
  const button = selectionButton;
  if (!button || !button.classList.contains("socialplan-selection-button--bar")) {
    return;
  }
  button.classList.remove("socialplan-selection-button--top");
  const bar = button.getBoundingClientRect();
  // The selection, with room for the system's handles just below it.
  const covers = Array.from(button.passage.range.getClientRects()).some(
    (rect) => rect.bottom + HANDLES > bar.top && rect.top < bar.bottom + 8,
  );
  if (covers) {
    button.classList.add("socialplan-selection-button--top");
  }
}

// Paragraphs offered for comment, as the server puts markers on them
// (browser/comments/markers.py): not headings, not the editors' notices.
function offered(paragraph) {
  return (
    !/^H[1-6]$/.test(paragraph.tagName) &&
    !paragraph.classList.contains("socialplan-no-comments")
  );
}

function onSelectionChange() {
  clearTimeout(selectionTimer);
  selectionTimer = setTimeout(() => {
    let passage = selectedPassage();
    if (passage && !offered(passage.element)) {
      passage = null;
    }
    if (passage) {
      const shown = selectionButton && selectionButton.passage.selector;
      if (
        !shown ||
        shown.exact !== passage.selector.exact ||
        shown.start !== passage.selector.start
      ) {
        showSelectionButton(passage);
      }
    } else if (selectionButton && document.activeElement !== selectionButton) {
      hideSelectionButton();
    }
  }, 150);
}

// Highlights ---------------------------------------------------------------

let describer = null;

function highlightDescription() {
  if (!describer) {
    describer = element(
      "span",
      {
        id: "socialplan-highlight-description",
        class: "visually-hidden",
        [UI]: "text",
      },
      strings.highlight,
    );
    body.append(describer);
  }
  return describer.id;
}

function wrap(model, start, end, commentId) {
  const segments = new Map();
  for (let i = start; i < end; i += 1) {
    const [k, o] = model.chars[i];
    const segment = segments.get(k);
    if (segment) {
      segment[1] = o + 1;
    } else {
      segments.set(k, [o, o + 1]);
    }
  }
  const ordered = Array.from(segments.entries());
  // Last first: splitting a text node leaves the earlier ones untouched.
  ordered.reverse().forEach(([k, [a, b]], index) => {
    let node = model.nodes[k];
    if (b < node.data.length) {
      node.splitText(b);
    }
    if (a > 0) {
      node = node.splitText(a);
    }
    // Inside another commented passage: told apart by its own underline.
    const nested = Boolean(node.parentElement.closest("mark.socialplan-highlight"));
    const mark = element("mark", {
      class: nested
        ? "socialplan-highlight socialplan-highlight--nested"
        : "socialplan-highlight",
      "data-comment": commentId,
    });
    node.before(mark);
    mark.append(node);
    const first = index === ordered.length - 1;
    if (!first) {
      return;
    }
    const outer = mark.parentElement.closest("a");
    if (!outer) {
      const link = element("a", {
        class: "socialplan-highlight-link",
        href: `#comment-${commentId}`,
        "data-comment": commentId,
        "aria-describedby": highlightDescription(),
      });
      mark.before(link);
      link.append(mark);
      return;
    }
    // A link cannot hold another: the inner passage gets its own, right
    // after the passage it starts in, named by its text.
    const link = element("a", {
      class: "socialplan-highlight-link socialplan-highlight-link--nested",
      href: `#comment-${commentId}`,
      "data-comment": commentId,
      "aria-describedby": highlightDescription(),
      [UI]: "highlight",
    });
    link.append(
      element("span", { "aria-hidden": "true" }, "\u2197"),
      element("span", { class: "visually-hidden" }, model.text.slice(start, end)),
    );
    let after = outer;
    while (after.nextElementSibling && after.nextElementSibling.matches(
      ".socialplan-highlight-link--nested",
    )) {
      after = after.nextElementSibling;
    }
    after.after(link);
  });
}

function applyHighlights() {
  // Each [comment, paragraph, start, end], or [comment, paragraph] for a
  // comment on the whole paragraph.
  for (const [comment, paragraphId, from, to] of config.highlights || []) {
    const paragraph = body.querySelector(`[data-paragraph="${paragraphId}"]`);
    if (!paragraph) {
      continue;
    }
    if (from === undefined) {
      paragraph.classList.add("socialplan-paragraph--commented");
      continue;
    }
    const model = textModel(paragraph);
    const start = unitIndex(model.text, from);
    const end = unitIndex(model.text, to);
    if (start < end && end <= model.text.length) {
      wrap(model, start, end, comment);
    }
  }
}

async function showComment(link) {
  const paragraph = link.closest("[data-paragraph]");
  const state = open(paragraph);
  await state.loaded;
  const target = document.getElementById(`panel-comment-${link.dataset.comment}`);
  if (target) {
    target.tabIndex = -1;
    target.focus();
  }
}

// Load more ----------------------------------------------------------------

async function loadMore(link) {
  const nav = link.closest(".socialplan-load-more");
  const list = document.getElementById("socialplan-comment-list");
  let content;
  try {
    content = await getHTML(link.dataset.batch);
  } catch {
    window.location.assign(link.href);
    return;
  }
  const items = Array.from(
    content.querySelectorAll(".socialplan-comment-list > li"),
  );
  list.append(...items);
  const next = content.querySelector(".socialplan-load-more");
  if (next) {
    // The no-JavaScript page's "earlier comments" link does not apply here.
    nav.replaceWith(next);
  } else {
    nav.remove();
  }
  if (items.length) {
    items[0].tabIndex = -1;
    items[0].focus();
  }
}

// Start --------------------------------------------------------------------

function start() {
  if (!config) {
    return;
  }
  document.addEventListener("click", (event) => {
    const more = event.target.closest(".socialplan-load-more a[data-batch]");
    if (more) {
      event.preventDefault();
      loadMore(more);
      return;
    }
    const highlight = event.target.closest("a.socialplan-highlight-link");
    if (highlight) {
      event.preventDefault();
      showComment(highlight);
    }
  });
  if (!body) {
    return;
  }
  body.querySelectorAll(`a[${UI}="marker"]`).forEach(upgradeMarker);
  applyHighlights();
  if (config.open && document.getElementById("socialplan-comment-form")) {
    document.addEventListener("selectionchange", onSelectionChange);
    window.addEventListener("scroll", placeBar, { passive: true });
    window.addEventListener("resize", placeBar, { passive: true });
  } else {
    config.open = false;
  }
}

start();

// For the browser tests: the text rules must agree with the server's.
export { paragraphText, selectorFor };
