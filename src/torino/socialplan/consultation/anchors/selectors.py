"""W3C TextQuoteSelectors: validated as posted, built for a paragraph.

The context (``prefix``, ``suffix``) is stored with its whitespace collapsed
but not stripped: whether a space parts it from the quote is part of the text
("favorire l'" + "accesso", "il Piano " + "promuove").
"""

from .paragraphs import collapse
from .paragraphs import normalize
from collections.abc import Mapping
from torino.socialplan import _


MAX_EXACT = 1000
MAX_CONTEXT = 64
CONTEXT_LENGTH = 32
SELECTOR_KEYS = frozenset(("exact", "prefix", "suffix", "position"))


class SelectorError(ValueError):
    """A malformed selector or paragraph reference; ``message`` is for users."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _context(value, before):
    if value is None:
        return ""
    if not isinstance(value, str):
        if before:
            raise SelectorError(_("The text before the passage must be text."))
        raise SelectorError(_("The text after the passage must be text."))
    value = collapse(value)
    if len(value) > MAX_CONTEXT:
        mapping = {"max": MAX_CONTEXT}
        if before:
            raise SelectorError(
                _(
                    "The text before the passage is too long "
                    "(at most ${max} characters).",
                    mapping=mapping,
                )
            )
        raise SelectorError(
            _(
                "The text after the passage is too long (at most ${max} characters).",
                mapping=mapping,
            )
        )
    return value


def _position(value, length=None):
    error = SelectorError(
        _(
            "The position of the passage must give a start and an end offset, "
            "with 0 <= start < end."
        )
    )
    if not isinstance(value, Mapping) or set(value) != {"start", "end"}:
        raise error
    start, end = value["start"], value["end"]
    for offset in (start, end):
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise error
    if start < 0 or end <= start:
        raise error
    if length is not None and end > length:
        # Checked against the text it refers to: never stored, nor shown in
        # the public Web Annotation, beyond it.
        raise SelectorError(
            _(
                "The position of the passage lies beyond the end of the text "
                "(${length} characters): it may have just been edited. Reload "
                "the page and select the passage again.",
                mapping={"length": length},
            )
        )
    return {"start": start, "end": end}


def validate_selector(value, length=None):
    """The cleaned selector, or SelectorError with a message for the user.

    ``length``: the length of the document text the selector refers to
    (paragraphs joined by newlines, as ``document_text``): the position's
    offsets must lie within it.
    """
    if not isinstance(value, Mapping):
        raise SelectorError(
            _("The passage must be an object with the quoted text (exact).")
        )
    unknown = sorted(str(key) for key in set(value) - SELECTOR_KEYS)
    if unknown:
        raise SelectorError(
            _(
                "Unknown properties of the passage: ${names}.",
                mapping={"names": ", ".join(unknown)},
            )
        )
    if "exact" not in value:
        raise SelectorError(_("The quoted passage is missing."))
    exact = value["exact"]
    if not isinstance(exact, str):
        raise SelectorError(_("The quoted passage must be text."))
    # Measured once normalised, but a huge value is refused unread.
    exact = normalize(exact) if len(exact) <= 20 * MAX_EXACT else exact
    if not exact:
        raise SelectorError(_("The quoted passage is empty."))
    if len(exact) > MAX_EXACT:
        raise SelectorError(
            _(
                "The quoted passage is too long (at most ${max} characters).",
                mapping={"max": MAX_EXACT},
            )
        )
    cleaned = {
        "exact": exact,
        "prefix": _context(value.get("prefix"), before=True),
        "suffix": _context(value.get("suffix"), before=False),
    }
    if value.get("position") is not None:
        cleaned["position"] = _position(value["position"], length)
    return cleaned


def selector_for(paragraphs, paragraph_id, start=None, end=None):
    """A full selector for a paragraph (whole, or ``[start:end]`` of its text).

    The quote is not limited to MAX_EXACT: store it as is, do not validate it.
    """
    offset = 0
    for paragraph in paragraphs:
        if paragraph.id == paragraph_id:
            break
        offset += len(paragraph.text) + 1
    else:
        raise SelectorError(_("This paragraph is not in the current text."))
    text = paragraph.text
    start = 0 if start is None else start
    end = len(text) if end is None else end
    if not 0 <= start < end <= len(text):
        raise SelectorError(_("The passage must lie within the paragraph."))
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if start == end:
        raise SelectorError(_("The quoted passage is empty."))
    return {
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_LENGTH) : start],
        "suffix": text[end : end + CONTEXT_LENGTH],
        "position": {"start": offset + start, "end": offset + end},
    }
