"""A comment's catalog Description comes from its plain text
(discussion/descriptions.py), as plone.app.discussion's indexer gave it."""

from plone import api
from plone.app.discussion.catalog import description as stock_description
from Products.PortalTransforms.TransformEngine import TransformTool
from tests.support.contributions import post_comment as post
from torino.socialplan.discussion import descriptions

import pytest


LONG = " ".join(f"parola{n}" for n in range(40))


def catalogued_description(comment):
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(comment.getPhysicalPath())
    [brain] = catalog.unrestrictedSearchResults(path={"query": path, "depth": 0})
    return brain.Description


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Servono più percorsi\ndi formazione.", "Servono più percorsi di formazione."),
        (LONG, " ".join(f"parola{n}" for n in range(25)) + " [...]"),
    ],
)
def test_the_first_words_then_an_ellipsis(site, text, expected):
    comment = post(site, text)
    assert descriptions.description(comment, None)() == expected
    # The same as plone.app.discussion's, through its transforms.
    assert stock_description(comment, None)() == expected
    assert catalogued_description(comment) == expected


def test_a_comment_of_another_type_keeps_the_stock_description(site):
    comment = post(site, "Una <b>proposta</b> in HTML.")
    comment.mime_type = "text/html"
    assert (
        descriptions.description(comment, None)() == stock_description(comment, None)()
    )


def test_cataloguing_a_comment_runs_no_transform(site, monkeypatch):
    """The reason for the indexer: the stock one searched the transforms'
    graph on every commit of a post or a decision."""
    comment = post(site, LONG)

    def refuse(*args, **kwargs):
        raise AssertionError("a transform ran while cataloguing a comment")

    monkeypatch.setattr(TransformTool, "convertTo", refuse)
    comment.reindexObject()
    assert catalogued_description(comment).endswith(" [...]")
