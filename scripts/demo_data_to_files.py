"""One-off: writes demo/data.py's content as the data files of demo/content and
demo/contributions (kept in the history of the commit that made them)."""

from datetime import date
from pathlib import Path
from torino.socialplan.demo import data

import json
import re


DEMO = Path(data.__file__).parent
# A line break before each block element: the reader joins the lines again.
BLOCK = re.compile(r"(?<=>)(?=<(?:p|h[1-6]|ul|ol|li|/ul|/ol)[\s>])")


def plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(plain(value), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def write_html(path, html):
    assert "\n" not in html
    lines = BLOCK.sub("\n", html).split("\n")
    assert "".join(lines) == html
    assert all(line.startswith("<") and line.endswith(">") for line in lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_item(folder, portal_type, item, skip=(), **extra):
    values = {"@type": portal_type}
    values.update(
        (key, value)
        for key, value in item.items()
        if key not in ("id", "text", *skip)
    )
    values.update(extra)
    write_json(folder / f"{item['id']}.json", values)
    write_html(folder / f"{item['id']}.html", item["text"])


def main():
    content = DEMO / "content"
    for item in data.INSTITUTIONS:
        write_item(content, "Institution", item)
    plan = data.PLAN
    write_item(
        content,
        "Plan",
        plan,
        consultation_days=data.PLAN_WINDOW_DAYS,
        contents=[chapter["id"] for chapter in data.CHAPTERS],
    )
    for chapter in data.CHAPTERS:
        write_item(
            content / plan["id"],
            "Chapter",
            chapter,
            skip=("actions",),
            contents=[action["id"] for action in chapter["actions"]],
        )
        for action in chapter["actions"]:
            write_item(content / plan["id"] / chapter["id"], "Action", action)
    write_json(DEMO / "contributions" / "comments.json", data.COMMENTS)
    write_json(DEMO / "contributions" / "pledges.json", data.PLEDGES)


if __name__ == "__main__":
    main()
