"""The corpus helpers (corpus.py, hypothesis_quote.py) import each other by
name, as `make bench` imports them."""

from pathlib import Path

import sys


sys.path.insert(0, str(Path(__file__).resolve().parent))
