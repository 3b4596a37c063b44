"""One input policy for what the public and the editors send, whatever the
route (Classic form, REST service, REST PATCH of content).

Every contribution (comment, reply, pledge), every editor-facing field of
our types (text lines, texts, data grid rows) and the moderators' notes and
motivations go through these checks:

- **Valid Unicode only.** Lone surrogates are refused (they cannot be stored
  as UTF-8: the exports and the HTML filter would fail on them later). Control
  characters (Unicode category Cc) are refused, except newline and tab in
  multi-line texts; carriage returns become newlines. Text is normalised to
  NFC.
- **No bidirectional overrides or isolates** (U+202A-U+202E, U+2066-U+2069)
  in names, single lines and texts: they can make a name read backwards and
  spill over what follows on the page.
- **Bounded lengths and row counts** (characters, after trimming):

  ========================================  =======
  first name, surname (comments, pledges)       100
  organisation                                  200
  e-mail address                                254
  comment text, pledge contribution           5,000
  pledge resource rows                           20
  resource kind, value                          200
  resource description                        1,000
  editors' single lines (titles, grid cells)    500
  editors' texts (descriptions, grid cells)  10,000
  rows of an editors' data grid                 100
  ========================================  =======

- **Strict JSON types.** Text is a JSON string; consent is JSON ``true`` and
  nothing else (not 1, not "yes").
- **Unknown keys are refused** (400 naming them), in a contribution's body
  and in each pledge resource row.
- **E-mail addresses** are checked by ``email-validator`` (syntax only, no
  DNS lookup), and stored in its normalised form.

The errors are ``InvalidInput`` (a ValueError with a translatable message);
the callers turn them into their own error type (ContributionError for
contributions, a 400 on the field for REST deserializers).
"""

from email_validator import EmailNotValidError
from email_validator import validate_email
from torino.socialplan import _

import unicodedata


NAME_MAX_LENGTH = 100
ORGANIZATION_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254  # RFC 5321
CONTRIBUTION_TEXT_MAX_LENGTH = 5000
RESOURCE_ROWS_MAX = 20
RESOURCE_LINE_MAX_LENGTH = 200
RESOURCE_TEXT_MAX_LENGTH = 1000
EDITOR_LINE_MAX_LENGTH = 500
EDITOR_TEXT_MAX_LENGTH = 10000
GRID_ROWS_MAX = 100

# Bidirectional embeddings, overrides (U+202A-U+202E) and isolates
# (U+2066-U+2069).
BIDI_CONTROLS = frozenset(
    [chr(code) for code in range(0x202A, 0x202F)]
    + [chr(code) for code in range(0x2066, 0x206A)]
)

MULTILINE_CONTROLS = frozenset("\n\t")


class InvalidInput(ValueError):
    """A value refused by the policy; ``message`` says why (a message id)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _character_problem(value, multiline):
    """The message for the first character ``value`` may not hold, or None."""
    for character in value:
        if character in BIDI_CONTROLS:
            return _(
                "Remove the invisible text-direction characters: they can make "
                "the text read backwards."
            )
        category = unicodedata.category(character)
        if category == "Cs":
            return _("The text holds an invalid character (a lone surrogate).")
        if category == "Cc":
            if multiline and character in MULTILINE_CONTROLS:
                continue
            if character == "\n":
                return _("Write it on a single line.")
            return _(
                "Remove the control characters (code ${code}) from the text.",
                mapping={"code": f"U+{ord(character):04X}"},
            )
    return None


def problem_in(value, multiline=False):
    """What the policy refuses in the text ``value`` (a message), or None:
    for callers that keep their own length and type checks."""
    return _character_problem(
        value.replace("\r\n", "\n").replace("\r", "\n"), multiline
    )


def clean_text(value, max_length, multiline=False):
    """``value`` trimmed, newlines normalised, NFC; or InvalidInput.

    Blank text comes back as "" (the caller decides whether it is required).
    """
    if not isinstance(value, str):
        raise InvalidInput(_("Enter text here."))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    problem = _character_problem(value, multiline)
    if problem is not None:
        raise InvalidInput(problem)
    value = unicodedata.normalize("NFC", value).strip()
    if len(value) > max_length:
        raise InvalidInput(
            _(
                "Too long: at most ${max} characters, you wrote ${length}.",
                mapping={"max": max_length, "length": len(value)},
            )
        )
    return value


def clean_email(value):
    """The normalised address, or InvalidInput; blank comes back as ""."""
    value = clean_text(value, EMAIL_MAX_LENGTH)
    if not value:
        return value
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(
            _("Enter a valid e-mail address, like name@example.org.")
        ) from None
    return checked.normalized


def is_consent(value):
    """Consent is JSON ``true`` (or a form's checked box turned into True)."""
    return value is True


def unknown_keys(data, allowed):
    """The keys of the mapping ``data`` not in ``allowed``, sorted."""
    return sorted(str(key) for key in data if key not in allowed)


def unknown_keys_message(unknown, allowed):
    return _(
        "Unknown field(s): ${unknown}. The fields are: ${fields}.",
        mapping={"unknown": ", ".join(unknown), "fields": ", ".join(allowed)},
    )


def check_rows(rows, max_rows):
    """``rows`` as a list of at most ``max_rows`` items, or InvalidInput."""
    if not isinstance(rows, list):
        raise InvalidInput(_("Send a list of rows."))
    if len(rows) > max_rows:
        raise InvalidInput(
            _(
                "Too many rows: at most ${max}, you sent ${count}.",
                mapping={"max": max_rows, "count": len(rows)},
            )
        )
    return rows


def clean_stored(value):
    """A stored text made safe to encode: lone surrogates and control
    characters other than newline and tab dropped, bidi controls removed.

    For data stored before this policy (the upgrade step and the exports);
    new input is refused instead.
    """
    if not isinstance(value, str):
        return value
    if value.replace("\n", "").replace("\t", "").isprintable():
        return value  # the common case, at C speed
    return "".join(
        character
        for character in value
        if character in MULTILINE_CONTROLS
        or (
            character not in BIDI_CONTROLS
            and unicodedata.category(character) not in ("Cs", "Cc")
        )
    )


def encodable(value):
    """``value`` without lone surrogates, the one thing UTF-8 cannot
    encode; everything else is kept as is (the exports' last resort for
    data stored before this policy)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(c for c in value if unicodedata.category(c) != "Cs")
    return value


def normalize_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")
