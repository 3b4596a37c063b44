"""Run inside Zope (zconsole run <zope-relstorage.conf> bench/cluster_count.py
MARK OUTPUT.json) while the cluster serves: how many comments of the demo
Chapter carry each bench text marked MARK (exactly-once check)."""

from plone.app.discussion.interfaces import IConversation

import collections
import json
import os
import re
import sys


CHAPTER = "piano-metropolitano-economia-sociale/lavoro-e-inclusione-sociale"


def main(app, mark, output):
    site = app[os.environ.get("SITE_ID", "Plone")]
    chapter = site.unrestrictedTraverse(CHAPTER)
    pattern = re.compile(rf"\[{re.escape(mark)}-(\d+)\]")
    counts = collections.Counter()
    for comment in IConversation(chapter).getComments():
        match = pattern.search(comment.text or "")
        if match:
            counts[match.group(1)] += 1
    with open(output, "w", encoding="utf-8") as stream:
        json.dump(counts, stream)


if __name__ == "__main__":
    try:
        main(app, sys.argv[-2], sys.argv[-1])  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
