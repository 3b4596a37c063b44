"""What the theme's rules take from Plone's page (theme/static/rules.xml):
the rules select the content by id() and by path rather than by css:
selectors (issue 29), so each part the page must carry is checked here, for
an anonymous visitor and for a logged-in manager."""

from lxml import html
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest


@pytest.fixture
def page(browser, functional_portal):
    def get(who=None):
        client = browser(who) if who else browser()
        client.open(functional_portal.absolute_url())
        assert client.headers["status"].startswith("200")
        return html.fromstring(client.contents)

    return get


def test_anonymous_page_carries_plones_parts_in_the_theme(page):
    tree = page()
    # The theme's page (its body classes), with Plone's merged in.
    body = tree.xpath("/html/body")[0]
    assert "userrole-anonymous" in body.get("class")
    assert "d-flex" in body.get("class")
    # Head: Plone's title, its links and scripts; not its generator or icons.
    assert tree.xpath("/html/head/title")[0].text
    assert tree.xpath("/html/head/link[@rel='stylesheet']")
    assert tree.xpath("/html/head/script")
    assert not tree.xpath("/html/head/meta[@name='generator']")
    assert not tree.xpath("/html/head/link[@rel='shortcut icon']")
    # The skip link first, the promoters' header, the menu with its labels.
    assert "socialplan-skip" in body[0].get("class")
    assert tree.xpath("//*[@id='socialplan-promoters']")
    assert tree.xpath("//*[@id='socialplan-brand']")
    assert tree.xpath("//*[@id='offcanvasNavbar'][@aria-label]")
    assert tree.xpath("//ul[@id='portal-globalnav']/li")
    assert len(tree.xpath("//*[@id='portal-searchbox']")) == 1
    assert not tree.xpath("//*[@id='portal-logo']")
    assert not tree.xpath("//*[@id='socialplan-identity']")
    # The content, the footer, no toolbar.
    assert tree.xpath("//section[@id='portal-column-content']//h1")
    assert tree.xpath("//*[@id='portal-footer']/*")
    assert not tree.xpath("//*[@id='edit-bar']")


def test_a_managers_page_has_the_toolbar(page):
    tree = page((SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    assert "userrole-authenticated" in tree.xpath("/html/body")[0].get("class")
    assert tree.xpath("//*[@id='edit-bar']")
    # The toolbar's pin controls are buttons (the rules' own template).
    for control in tree.xpath("//a[contains(@class, 'toolbar-collapse')]"):
        assert control.get("role") == "button"
