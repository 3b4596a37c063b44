"""Reads the demo content from its data files, next to this module.

``content/`` is the site as folders: each item is ``<id>.json`` (its type and
fields) with its rich text in ``<id>.html``, and the items inside a Plan or a
Chapter are in the folder ``<id>/``, in the order of the item's ``contents``::

    content/
      camera-di-commercio-di-torino.json      @type Institution
      camera-di-commercio-di-torino.html
      piano-metropolitano-economia-sociale.json       @type Plan
      piano-metropolitano-economia-sociale.html
      piano-metropolitano-economia-sociale/
        visione-e-quadro-di-riferimento.json          @type Chapter
        visione-e-quadro-di-riferimento.html
        visione-e-quadro-di-riferimento/
          tavolo-metropolitano-economia-sociale.json  @type Action
          tavolo-metropolitano-economia-sociale.html

At the top: the promoting bodies (in the order of their file names) and one
Plan, open for comments. ``approved/`` holds a second Plan that went through
its whole life (read_approved): the Plan as ``content/`` holds one, as it was
consulted, ``approved/after/<chapter id>.html`` the texts as approved,
``approved/comments.json`` its comments (as comments.json) and
``approved/life.json`` their outcomes and the approval acts.
``contributions/comments.json`` and ``contributions/pledges.json`` are the
first comments and pledges, sent as the public sends them.

An .html file holds one block element (paragraph, heading, list item, list
start or end) a line; the lines are joined without a separator, so that the
stored text is the one written. A line must start with ``<`` and end with
``>``: a paragraph wrapped over two lines would lose the space between its
words, and is refused instead. Empty lines are skipped.

This module only reads files (standard library only, so that scripts can read
the Plan's id without Zope); demo/loader.py checks the values against the
content types' schemas. Every slip is a DemoDataError naming the file and the
key or line.
"""

from dataclasses import dataclass
from pathlib import Path

import json


ROOT = Path(__file__).parent
CONTENT = "content"
COMMENTS = "contributions/comments.json"
APPROVED = "approved"
PLEDGES = "contributions/pledges.json"
# What an item may contain, by the type of the item holding it (None: the top).
INSIDE = {None: ("Institution", "Plan"), "Plan": ("Chapter",), "Chapter": ("Action",)}


class DemoDataError(ValueError):
    """A slip in the demo data files; the message names the file."""


@dataclass
class Demo:
    """The demo content as dicts: each item with its ``id`` (the file name),
    its ``text`` (the .html file), its ``@type`` and ``@file`` (its .json file
    from the data's root, for messages); a Chapter with its ``actions``."""

    institutions: list
    plan: dict
    chapters: list
    comments: list
    pledges: list


def name(root, path):
    return path.relative_to(root).as_posix()


def read_json(root, path, kind):
    where = name(root, path)
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError(f"{where}: missing") from None
    except json.JSONDecodeError as error:
        raise DemoDataError(
            f"{where}: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    if not isinstance(value, kind):
        raise DemoDataError(f"{where}: a JSON {kind.__name__} expected")
    return value


def read_html(root, path):
    where = name(root, path)
    if not path.is_file():
        raise DemoDataError(f"{where}: missing (the item's text)")
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if not (line.startswith("<") and line.endswith(">")):
            raise DemoDataError(
                f"{where}: line {number}: one block element a line, from its "
                "start tag to its end tag (the lines are joined without a space)"
            )
        lines.append(line)
    return "".join(lines)


def read_item(root, path, parent_type):
    """The item of ``path`` (its .json file) and, for a Plan or a Chapter,
    the items of its folder."""
    item = read_json(root, path, dict)
    where = name(root, path)
    portal_type = item.get("@type")
    if portal_type not in INSIDE[parent_type]:
        expected = " or ".join(INSIDE[parent_type])
        raise DemoDataError(f"{where}: @type: {portal_type!r}, expected {expected}")
    if "id" in item or "text" in item:
        raise DemoDataError(
            f"{where}: no 'id' nor 'text' key: the id is the file's name, "
            f"the text is in {path.stem}.html"
        )
    item.update(id=path.stem, text=read_html(root, path.with_suffix(".html")))
    item["@file"] = where
    if portal_type in INSIDE:
        children = read_folder(root, path.with_suffix(""), portal_type, item)
        if portal_type == "Chapter":
            item["actions"] = children
        else:
            item["chapters"] = children
    return item


def check_files(root, folder, ids):
    """Every file of ``folder`` is an item of ``ids`` (a .json, its .html,
    its folder): a file left out of ``contents`` is not quietly skipped."""
    expected = {f"{id_}{suffix}" for id_ in ids for suffix in (".json", ".html", "")}
    for path in sorted(folder.iterdir()):
        if path.name not in expected:
            raise DemoDataError(f"{name(root, path)}: not an item listed in contents")


def read_folder(root, folder, parent_type, parent):
    """The items in ``folder``, in the order of ``parent``'s ``contents``."""
    where = parent["@file"]
    ids = parent.pop("contents", None)
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise DemoDataError(f"{where}: contents: a list of the ids of its items")
    if len(set(ids)) != len(ids):
        raise DemoDataError(f"{where}: contents: an id listed twice")
    if folder.is_dir():
        check_files(root, folder, ids)
    return [read_item(root, folder / f"{id_}.json", parent_type) for id_ in ids]


def read_demo(root=None):
    """The demo content of the data files under ``root`` (default: here)."""
    root = Path(root or ROOT)
    top = root / CONTENT
    items = [
        read_item(root, path, None)
        for path in sorted(top.glob("*.json"), key=lambda p: p.name)
    ]
    plans = [item for item in items if item["@type"] == "Plan"]
    if len(plans) != 1:
        raise DemoDataError(f"{CONTENT}: {len(plans)} Plans, one expected")
    (plan,) = plans
    check_files(root, top, [item["id"] for item in items])
    comments = read_json(root, root / COMMENTS, list)
    pledges = read_json(root, root / PLEDGES, list)
    for file_name, entries in ((COMMENTS, comments), (PLEDGES, pledges)):
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                raise DemoDataError(f"{file_name}: entry {number}: an object expected")
    return Demo(
        institutions=[item for item in items if item["@type"] == "Institution"],
        plan=plan,
        chapters=plan.pop("chapters"),
        comments=comments,
        pledges=pledges,
    )


@dataclass
class Approved:
    """The approved demo Plan: ``plan`` (with its ``chapters``), the texts
    as approved ({chapter id: html}), ``comments``, and ``life`` (life.json:
    ``outcomes`` by comment key, ``approvals`` by promoting body id,
    ``consulted_days_ago``)."""

    plan: dict
    chapters: list
    after: dict
    comments: list
    life: dict


def read_approved(root=None):
    """The approved demo Plan of the data files under ``root``."""
    root = Path(root or ROOT)
    top = root / APPROVED
    plans = sorted(top.glob("*.json"))
    plans = [path for path in plans if path.name not in ("comments.json", "life.json")]
    if len(plans) != 1:
        raise DemoDataError(f"{APPROVED}: {len(plans)} Plans, one expected")
    plan = read_item(root, plans[0], None)
    if plan["@type"] != "Plan":
        raise DemoDataError(f"{plan['@file']}: @type: a Plan expected")
    chapters = plan.pop("chapters")
    after = {}
    for chapter in chapters:
        path = top / "after" / f"{chapter['id']}.html"
        if path.is_file():
            after[chapter["id"]] = read_html(root, path)
    comments = read_json(root, top / "comments.json", list)
    life = read_json(root, top / "life.json", dict)
    for key in ("outcomes", "approvals"):
        if not isinstance(life.get(key), dict):
            raise DemoDataError(f"{APPROVED}/life.json: {key}: an object expected")
    return Approved(
        plan=plan, chapters=chapters, after=after, comments=comments, life=life
    )
