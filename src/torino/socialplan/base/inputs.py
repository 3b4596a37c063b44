"""One input policy for what the public and the editors send, whatever the
route (Classic form, REST service, REST PATCH of content).

Every contribution (comment, reply, pledge), every editor-facing field of
our types (text lines, texts, data grid rows and their dates) and the
moderators' notes and motivations go through these checks, here and only
here:

- **One character policy, by Unicode category** (``character_problem``).
  Carriage returns (and CR LF) become newlines; text is normalised to NFC,
  then every character is judged by its category:

  ===================================  =====================================
  letters, marks, numbers, punctuation  allowed
  symbols, spaces (Zs: NBSP too)
  newline U+000A, tab U+0009            multi-line texts only; a single line
                                        (names, organisation, e-mail,
                                        titles, grid lines) refuses them
  line/paragraph separators (Zl, Zp:   single lines refuse them; multi-line
  U+2028, U+2029)                       texts get a newline instead
  other controls (Cc)                   refused: NUL, ESC, DEL, C1 ...
  format characters (Cf)                refused, but ZWNJ U+200C and ZWJ
                                        U+200D between two letters, marks
                                        or symbols: Persian, Indic scripts
                                        and emoji sequences need them
  bidi marks, embeddings, overrides,    refused (all are Cf): LRM, RLM,
  isolates                              ALM, U+202A-U+202E, U+2066-U+2069;
                                        they can make a name read backwards
                                        and spill over what follows. The
                                        browser's own bidi algorithm lays
                                        out Arabic and Hebrew correctly
                                        without them.
  soft hyphen, zero-width space, BOM,   refused (Cf): invisible
  word joiner, tag characters
  Hangul fillers U+115F, U+1160,        refused: letters (Lo) by category
  U+3164, U+FFA0                        but blank on screen, used for names
                                        that look empty
  private use (Co)                      refused: they show differently on
                                        every device
  unassigned (Cn), noncharacters        refused (Python's Unicode version
  (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF)     decides what is assigned)
  lone surrogates (Cs)                  refused: not storable as UTF-8
  ===================================  =====================================

  A text may not begin with a combining mark (nothing to combine with). A
  **required** field must hold at least one letter or digit (the Hangul
  fillers do not count); an optional one, when given, at least one visible
  character (a letter, digit, punctuation or symbol; the braille blank
  U+2800 is not visible). So a name made only of invisible characters,
  punctuation or a lone combining mark is refused, on every route.
- **Bounded lengths, row counts and item counts** (characters, after
  trimming and NFC):

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
  items of one moderation or outcome request    500
  Actions named by one pledge                   100
  ========================================  =======

- **Strict dates** (``parse_date``, ``is_datetime_text``, ``sane_date``,
  the constraint of our date fields): an editor's date is
  ISO 8601 (``YYYY-MM-DD``, with ``THH:MM[:SS]`` and an offset for a date
  and time) in ASCII digits only, with a year from 1900 to 2100.
- **Strict JSON types.** Text is a JSON string; consent is JSON ``true`` and
  nothing else (not 1, not "yes").
- **Unknown keys are refused** (400 naming them), in a contribution's body
  and in each pledge resource row.
- **E-mail addresses** are checked by ``email-validator`` (syntax only, no
  DNS lookup), and stored in its normalised form.

The errors are ``InvalidInput`` (a ValueError with a translatable message);
the callers turn them into their own error type (ContributionError for
contributions, a 400 on the field for REST deserializers, a widget error in
Classic forms).
"""

from email_validator import EmailNotValidError
from email_validator import validate_email
from torino.socialplan import _
from zope.schema.interfaces import ValidationError

import datetime
import re
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
# Contributions named by one moderation, outcome or triage request: a page
# of the queue is at most 100, so 500 leaves room for scripts, and bounds
# the work one request may hold a worker for.
ITEMS_MAX = 500
# Actions one pledge names (a Plan has a few dozen).
PLEDGE_ACTIONS_MAX = 100
# Editors' dates.
YEAR_MIN = 1900
YEAR_MAX = 2100

# Bidirectional marks (LRM, RLM, ALM), embeddings, overrides (U+202A-U+202E)
# and isolates (U+2066-U+2069).
BIDI_OVERRIDES = frozenset(
    [chr(code) for code in range(0x202A, 0x202F)]
    + [chr(code) for code in range(0x2066, 0x206A)]
)
BIDI_CONTROLS = BIDI_OVERRIDES | frozenset("\u200e\u200f\u061c")
# The format characters a language needs: ZWNJ and ZWJ, inside words.
JOINERS = frozenset("\u200c\u200d")
# Letters by category, blank on screen.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# A symbol by category, blank on screen.
BLANK_SYMBOLS = frozenset("\u2800")
LINE_SEPARATORS = frozenset("\u2028\u2029")

MULTILINE_CONTROLS = frozenset("\n\t")
# The categories of the neighbours a joiner may stand between: letters,
# marks, symbols (emoji, their skin tones).
JOINABLE = ("L", "M", "So", "Sk")


class InvalidInput(ValueError):
    """A value refused by the policy; ``message`` says why (a message id)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _code(character):
    return f"U+{ord(character):04X}"


def _joinable(character):
    return unicodedata.category(character).startswith(JOINABLE)


def _is_noncharacter(code):
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _one_problem(value, index, character, multiline):
    """The message for ``character`` at ``index`` of ``value``, or None."""
    category = unicodedata.category(character)
    if category in ("Cs", "Cc", "Zl", "Zp"):
        return _line_problem(character, category, multiline)
    if category == "Cf" or character in INVISIBLE_LETTERS:
        return _invisible_problem(value, index, character)
    if category == "Co":
        return _(
            "Remove the private-use character ${code}: it shows differently "
            "on every device.",
            mapping={"code": _code(character)},
        )
    if category == "Cn" or _is_noncharacter(ord(character)):
        return _(
            "Remove the character ${code}: it is not a character of the "
            "Unicode standard.",
            mapping={"code": _code(character)},
        )
    return None


def _line_problem(character, category, multiline):
    """Surrogates, controls, line and paragraph separators."""
    if category == "Cs":
        return _("The text holds an invalid character (a lone surrogate).")
    if multiline and (category != "Cc" or character in MULTILINE_CONTROLS):
        return None
    if character == "\n" or category in ("Zl", "Zp"):
        return _("Write it on a single line.")
    return _(
        "Remove the control characters (code ${code}) from the text.",
        mapping={"code": _code(character)},
    )


def _invisible_problem(value, index, character):
    """Format characters and blank letters: refused, but a joiner inside a
    word."""
    if character in BIDI_CONTROLS:
        return _(
            "Remove the invisible text-direction characters: they can make "
            "the text read backwards."
        )
    if (
        character in JOINERS
        and 0 < index < len(value) - 1
        and _joinable(value[index - 1])
        and _joinable(value[index + 1])
    ):
        return None
    return _(
        "Remove the invisible character ${code} from the text.",
        mapping={"code": _code(character)},
    )


def character_problem(value, multiline=False, required=False):
    """The message for the first thing the character policy refuses in the
    text ``value`` (newlines normalised, NFC, trimmed), or None."""
    if value.isascii():
        # The common case at C speed: printable ASCII, with \n and \t in
        # a multi-line text.
        plain = value.replace("\n", "").replace("\t", "") if multiline else value
        if plain.isprintable():
            return _content_problem(value, required)
    for index, character in enumerate(value):
        problem = _one_problem(value, index, character, multiline)
        if problem is not None:
            return problem
    if value and unicodedata.category(value[0]).startswith("M"):
        return _(
            "The text starts with a combining mark (${code}) that has no "
            "letter to go on.",
            mapping={"code": _code(value[0])},
        )
    return _content_problem(value, required)


def _content_problem(value, required):
    """A blank-looking value: None for "" (the caller decides whether it is
    required), a message if nothing visible, or no letter or digit in a
    required field."""
    if not value:
        return None
    if required:
        if not any(
            unicodedata.category(c)[0] in "LN" and c not in INVISIBLE_LETTERS
            for c in value
        ):
            return _(
                "Write it with letters or digits: invisible characters, "
                "spaces and punctuation alone do not count."
            )
        return None
    if not any(
        unicodedata.category(c)[0] in "LNPS" and c not in BLANK_SYMBOLS for c in value
    ):
        return _("The text holds only blank characters.")
    return None


def normalize(value, multiline=False):
    """Newlines normalised (CR LF, CR, and in a multi-line text U+2028 and
    U+2029, become LF), NFC, trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if multiline and not value.isascii():
        value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", value).strip()


def problem_in(value, multiline=False, required=False):
    """What the policy refuses in the text ``value`` (a message), or None:
    for callers that keep their own length and type checks."""
    return character_problem(normalize(value, multiline), multiline, required)


def clean_text(value, max_length, multiline=False, required=False):
    """``value`` trimmed, newlines normalised, NFC, checked by the character
    policy and its length; or InvalidInput.

    Blank text comes back as "" (the caller decides whether it is required:
    ``required`` asks only that a text given holds a letter or digit).
    """
    if not isinstance(value, str):
        raise InvalidInput(_("Enter text here."))
    value = normalize(value, multiline)
    problem = character_problem(value, multiline, required)
    if problem is not None:
        raise InvalidInput(problem)
    if len(value) > max_length:
        raise InvalidInput(
            _(
                "Too long: at most ${max} characters, you wrote ${length}.",
                mapping={"max": max_length, "length": len(value)},
            )
        )
    return value


def storable_problem(value):
    """What makes ``value`` unstorable (a lone surrogate, a control other
    than newline and tab), or None: for text quoted from our own pages
    (an inline comment's passage), which the character policy does not
    judge."""
    for character in value:
        category = unicodedata.category(character)
        if category == "Cs":
            return _("The text holds an invalid character (a lone surrogate).")
        if category == "Cc" and character not in MULTILINE_CONTROLS:
            return _(
                "Remove the control characters (code ${code}) from the text.",
                mapping={"code": _code(character)},
            )
    return None


# ISO 8601 in ASCII digits: [0-9], not \d (which matches full-width and
# other scripts' digits), and no sign before the year.
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
DATETIME_PATTERN = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?",
    re.ASCII,
)


def date_in_range(value):
    """Whether the date or datetime ``value`` falls in YEAR_MIN..YEAR_MAX."""
    return value is None or YEAR_MIN <= value.year <= YEAR_MAX


def date_range_message():
    return _(
        "Give a date from ${min} to ${max}.",
        mapping={"min": YEAR_MIN, "max": YEAR_MAX},
    )


class PolicyViolation(ValidationError):
    """The policy's refusal as a zope.schema error, for field constraints
    (Classic forms show ``doc()`` on the widget, REST answers 400)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message


def sane_date(value):
    """A constraint for our date and datetime fields: True, or
    PolicyViolation outside YEAR_MIN..YEAR_MAX."""
    if not date_in_range(value):
        raise PolicyViolation(date_range_message())
    return True


def parse_date(value):
    """The date of the text ``value``, YYYY-MM-DD in ASCII digits, or
    InvalidInput (a ValueError); its year is ``sane_date``'s to check."""
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        raise InvalidInput(_("Give a date as YYYY-MM-DD."))
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(_("Give a date as YYYY-MM-DD.")) from None


def is_datetime_text(value):
    """Whether ``value`` is ISO 8601 date-and-time text in ASCII digits (the
    caller parses it, with its own time zone rules, and checks the year
    with ``sane_date``)."""
    return isinstance(value, str) and DATETIME_PATTERN.fullmatch(value) is not None


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
            character not in BIDI_OVERRIDES
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
