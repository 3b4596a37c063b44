"""Run inside Zope (zconsole run <zope-relstorage.conf>
bench/cluster_conflicts.py INPUT.json OUTPUT.json) after a load: names the
structure each conflicted object belongs to.

INPUT is a list of [oid as hex, class name or "read", service] taken from the
instances' conflict lines; OUTPUT is {"structure (class) service":
conflicts}. A ConflictError names only
an oid; a bucket of a BTree does not know its tree, so the script walks the
structures many writes share (the catalog's indexes and records, the intid
utility, the demo Chapter's conversation and annotations, the Plan's) and
labels every persistent node it meets. What it does not meet keeps its class.
"""

from plone.app.discussion.interfaces import IConversation
from ZODB.utils import u64
from zope.annotation.interfaces import IAnnotations
from zope.intid.interfaces import IIntIds

import collections
import json
import os
import sys


CHAPTER = "piano-metropolitano-economia-sociale/lavoro-e-inclusione-sociale"
PLAN = "piano-metropolitano-economia-sociale"
TREE_SUFFIXES = ("BTree", "Bucket", "TreeSet", "Set")


def oid_of(value):
    oid = getattr(value, "_p_oid", None)
    return u64(oid) if isinstance(oid, bytes) else None


def is_tree(value):
    return oid_of(value) is not None and type(value).__name__.endswith(TREE_SUFFIXES)


def interior_nodes(tree):
    """The BTrees below ``tree`` (they keep their children in their state)."""
    stack, found = [tree], []
    while stack:
        node = stack.pop()
        node._p_activate()  # a ghost has neither state nor first bucket
        state = node.__getstate__()
        if not (state and isinstance(state[0], tuple)):
            continue
        for child in state[0][::2]:
            if oid_of(child) is not None and hasattr(child, "_firstbucket"):
                found.append(child)
                stack.append(child)
    return found


def label_tree(label, tree, labels, depth=0):
    """The tree, its interior nodes, its buckets, and (two levels down) the
    trees stored as its values."""
    labels.setdefault(oid_of(tree), label)
    tree._p_activate()
    if hasattr(tree, "_firstbucket"):
        for node in interior_nodes(tree):
            labels.setdefault(oid_of(node), f"{label} node")
    bucket = getattr(tree, "_firstbucket", None)
    while bucket is not None:
        labels.setdefault(oid_of(bucket), f"{label} bucket")
        bucket._p_activate()
        bucket = bucket._next
    if depth < 2 and hasattr(tree, "values"):
        for value in tree.values():
            if is_tree(value):
                label_tree(f"{label}[*]", value, labels, depth + 1)


def label_attributes(label, obj, labels, depth=0):
    """``obj``, and its trees and persistent attributes (two levels down: a
    text index keeps its trees in its ``index``)."""
    labels.setdefault(oid_of(obj), label)
    if oid_of(obj) is not None:
        obj._p_activate()  # a ghost's __dict__ is empty
    for name, value in getattr(obj, "__dict__", {}).items():
        if is_tree(value):
            label_tree(f"{label}.{name}", value, labels)
        elif oid_of(value) is not None and depth < 1:
            label_attributes(f"{label}.{name}", value, labels, depth + 1)


def structure_labels(site):
    labels = {}
    catalog = site.portal_catalog
    internal = catalog._catalog
    for name in ("uids", "paths", "data"):
        label_tree(f"catalog.{name}", getattr(internal, name), labels)
    for name, index in internal.indexes.items():
        label_attributes(f"index {name}", index, labels)
    for name in ("plone_lexicon", "htmltext_lexicon", "plaintext_lexicon"):
        lexicon = getattr(catalog.aq_base, name, None)
        if lexicon is not None:
            label_attributes(name, lexicon, labels)
    intids = site.getSiteManager().queryUtility(IIntIds)
    if intids is not None:
        label_attributes("intids", intids, labels)
    chapter = site.unrestrictedTraverse(CHAPTER)
    plan = site.unrestrictedTraverse(PLAN)
    label_attributes("conversation", IConversation(chapter), labels)
    for name, obj in (("chapter", chapter), ("plan", plan)):
        labels.setdefault(oid_of(obj), name)
        annotations = IAnnotations(obj)
        for key in annotations:
            value = annotations[key]
            if is_tree(value):
                label_tree(f"{name} annotation {key}", value, labels)
            elif oid_of(value) is not None:
                label_attributes(f"{name} annotation {key}", value, labels)
    label_attributes("plan folder", plan, labels)
    return labels


def main(app, source, output):
    site = app[os.environ.get("SITE_ID", "Plone")]
    with open(source, encoding="utf-8") as stream:
        conflicts = json.load(stream)
    labels = structure_labels(site)
    counts = collections.Counter(
        f"{labels.get(int(oid, 16), '?')} ({class_name.rsplit('.', 1)[-1]}) {service}"
        for oid, class_name, service in conflicts
    )
    with open(output, "w", encoding="utf-8") as stream:
        json.dump(dict(counts.most_common()), stream)


if __name__ == "__main__":
    try:
        main(app, sys.argv[-2], sys.argv[-1])  # noqa: F821
    finally:
        app._p_jar.db().close()  # noqa: F821
