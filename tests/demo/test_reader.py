"""demo/reader.py: the data files' structure, each slip named by file and
key or line (no Plone needed; the values are checked by the loader)."""

from torino.socialplan.demo import reader

import json
import pytest
import shutil


DEMO = reader.read_demo()
PLAN = DEMO.plan
CHAPTER = DEMO.chapters[1]
ACTION = CHAPTER["actions"][2]


@pytest.fixture
def root(tmp_path):
    for folder in ("content", "contributions"):
        shutil.copytree(reader.ROOT / folder, tmp_path / folder)
    return tmp_path


def refused(root):
    with pytest.raises(reader.DemoDataError) as error:
        reader.read_demo(root)
    return str(error.value)


def test_the_site_as_folders():
    assert [item["id"] for item in DEMO.institutions] == [
        "camera-di-commercio-di-torino",
        "citta-metropolitana-di-torino",
    ]
    assert PLAN["@file"] == "content/piano-metropolitano-economia-sociale.json"
    assert ACTION["@file"] == (
        f"content/{PLAN['id']}/{CHAPTER['id']}/{ACTION['id']}.json"
    )
    assert [c["@type"] for c in DEMO.chapters] == ["Chapter"] * len(DEMO.chapters)
    assert "contents" not in PLAN and "contents" not in CHAPTER
    # The text as stored: the file's lines joined without a separator.
    html = (reader.ROOT / CHAPTER["@file"]).with_suffix(".html").read_text()
    assert CHAPTER["text"] == html.replace("\n", "")
    assert CHAPTER["text"].startswith("<p>") and "</p><p>" in CHAPTER["text"]


def test_order_of_contents(root):
    path = root / PLAN["@file"]
    plan = json.loads(path.read_text())
    plan["contents"].reverse()
    path.write_text(json.dumps(plan))
    chapters = reader.read_demo(root).chapters
    assert [c["id"] for c in chapters] == [c["id"] for c in DEMO.chapters][::-1]


def test_json_syntax_error(root):
    path = root / ACTION["@file"]
    path.write_text(path.read_text().replace('"status"', "status", 1))
    message = refused(root)
    assert message.startswith(f"{ACTION['@file']}: line ")
    assert "Expecting property name" in message


def test_wrapped_paragraph(root):
    path = (root / CHAPTER["@file"]).with_suffix(".html")
    first, rest = path.read_text().split(" ", 1)
    path.write_text(f"{first}\n{rest}")
    html = CHAPTER["@file"].replace(".json", ".html")
    assert refused(root).startswith(f"{html}: line 1: one block element a line")


def test_missing_text(root):
    (root / ACTION["@file"]).with_suffix(".html").unlink()
    html = ACTION["@file"].replace(".json", ".html")
    assert refused(root) == f"{html}: missing (the item's text)"


def test_file_not_listed_in_contents(root):
    folder = root / CHAPTER["@file"].removesuffix(".json")
    shutil.copy(folder / f"{ACTION['id']}.json", folder / "nuova-azione.json")
    assert refused(root) == (
        f"{CHAPTER['@file'].removesuffix('.json')}/nuova-azione.json: "
        "not an item listed in contents"
    )


def test_listed_item_missing(root):
    (root / ACTION["@file"]).unlink()
    assert refused(root) == f"{ACTION['@file']}: missing"


def test_wrong_type(root):
    path = root / ACTION["@file"]
    action = json.loads(path.read_text())
    action["@type"] = "Chapter"
    path.write_text(json.dumps(action))
    assert refused(root) == f"{ACTION['@file']}: @type: 'Chapter', expected Action"


def test_id_is_the_file_name(root):
    path = root / ACTION["@file"]
    action = json.loads(path.read_text())
    action["id"] = "altro"
    path.write_text(json.dumps(action))
    assert refused(root).startswith(f"{ACTION['@file']}: no 'id' nor 'text' key")


def test_one_plan(root):
    path = root / PLAN["@file"]
    plan = json.loads(path.read_text())
    plan["@type"] = "Institution"
    path.write_text(json.dumps(plan))
    assert refused(root) == "content: 0 Plans, one expected"


def test_contribution_not_an_object(root):
    path = root / reader.PLEDGES
    pledges = json.loads(path.read_text())
    path.write_text(json.dumps([*pledges, "Mario Rossi"]))
    assert refused(root) == f"{reader.PLEDGES}: entry 4: an object expected"
