"""Campaigns: contributions whose text is identical or near-identical (a
mail-merge with other names, synonyms swapped, sentences reordered, a
personal paragraph added), grouped as they arrive, as the European
Commission's reports count them.

- ``normalise``: the words compared (letter case, accents, Italian and
  English stop words);
- ``matching``: MinHash signatures (datasketch) and the verification by a
  string similarity (rapidfuzz), with the thresholds;
- ``index``: the persistent groups of a Plan and the LSH index that finds
  the candidates of a new contribution;
- ``plan_campaigns``: the contributions of a Plan (their text, the hook
  into the pipeline, what moderators and the report see).
"""
