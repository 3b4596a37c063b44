"""Anchors for inline comments: paragraphs of a rich text and passages in them.

Pure functions (lxml, diff-match-patch, difflib; no Zope, no Plone), shared by
storage (consultation/paragraphs.py), submission and REST:

- paragraphs.py: the paragraphs of an HTML body and their texts, as the
  browser computes them;
- ids.py: paragraph ids carried across edits;
- selectors.py: W3C TextQuoteSelectors, validated or built;
- resolution.py: finding a quote by searching (on posting, or for an anchor
  with no stored place);
- mapping.py: re-anchoring through an edit, from the stored place, on a word
  diff judged by content words; revivals of orphans.
"""

from .ids import carry_ids
from .ids import random_id
from .mapping import Edit
from .mapping import KEEP_CONTENT
from .mapping import KEEP_THRESHOLD
from .mapping import reanchor
from .mapping import revival_candidate
from .mapping import word_runs
from .paragraphs import annotate_html
from .paragraphs import BLOCK_TAGS
from .paragraphs import collapse
from .paragraphs import document_text
from .paragraphs import extract_paragraph_texts
from .paragraphs import normalize
from .paragraphs import Paragraph
from .resolution import Anchoring
from .resolution import FUZZY_THRESHOLD
from .resolution import resolve
from .selectors import CONTEXT_LENGTH
from .selectors import MAX_CONTEXT
from .selectors import MAX_EXACT
from .selectors import selector_for
from .selectors import SELECTOR_KEYS
from .selectors import SelectorError
from .selectors import validate_selector


__all__ = [
    "BLOCK_TAGS",
    "CONTEXT_LENGTH",
    "FUZZY_THRESHOLD",
    "KEEP_CONTENT",
    "KEEP_THRESHOLD",
    "MAX_CONTEXT",
    "MAX_EXACT",
    "SELECTOR_KEYS",
    "Anchoring",
    "Edit",
    "Paragraph",
    "SelectorError",
    "annotate_html",
    "carry_ids",
    "collapse",
    "document_text",
    "extract_paragraph_texts",
    "normalize",
    "random_id",
    "reanchor",
    "resolve",
    "revival_candidate",
    "selector_for",
    "validate_selector",
    "word_runs",
]
