"""A comment's text becomes safe HTML once, at save: escaped, paragraphs on
blank lines, <br /> on single newlines."""

from torino.socialplan.consultation.comment_text import render_text

import pytest


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Una riga.", "<p>Una riga.</p>"),
        ("prima\nseconda", "<p>prima<br />seconda</p>"),
        ("uno\r\n\r\ndue\rtre", "<p>uno</p><p>due<br />tre</p>"),
        ("  uno  \n \t \n\n\n  due  ", "<p>uno</p><p>due</p>"),
        ("", ""),
        (None, ""),
        (
            '<img src=x onerror="alert(1)"> & <a href="javascript:x">',
            "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; "
            "&lt;a href=&quot;javascript:x&quot;&gt;</p>",
        ),
    ],
)
def test_render_text(text, html):
    assert render_text(text) == html
