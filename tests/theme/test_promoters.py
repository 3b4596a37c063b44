"""Site setup → Promoting bodies: who may open it, what a logo may be, the
address a logo is served at (and its headers), and the same records over
REST (@controlpanels/socialplan-promoters)."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.formwidget.namedfile.converter import b64encode_file
from torino.socialplan.theme.logos import logo_url
from torino.socialplan.theme.settings import CHAMBER_PLACEHOLDER
from torino.socialplan.theme.settings import InvalidLogo
from torino.socialplan.theme.settings import PREFIX
from torino.socialplan.theme.settings import valid_logo

import base64
import pytest
import re
import requests
import transaction


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'
RECORD = f"{PREFIX}.chamber_logo"
MANAGER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
PASSWORD = "a-long-password-1234"  # noqa: S105 (a test user's)


@pytest.mark.parametrize("data", [PNG, SVG, b"GIF89a" + b"\0" * 20])
def test_an_image_is_a_logo(data):
    assert valid_logo(b64encode_file("logo", data))


@pytest.mark.parametrize(
    "value",
    [
        b64encode_file("logo.png", b"not an image"),
        b64encode_file("logo.png", PNG + b"\0" * (1024 * 1024)),
        b"filenameb64:bG9nbw==;datab64:!!!",
        b"anything",
    ],
)
def test_what_is_no_logo(value):
    with pytest.raises(InvalidLogo):
        valid_logo(value)


def test_the_placeholder_then_an_address_that_changes_with_the_image(portal):
    url, placeholder = logo_url("chamber")
    assert placeholder and url == f"{portal.absolute_url()}/{CHAMBER_PLACEHOLDER}"
    api.portal.set_registry_record(RECORD, b64encode_file("camera.png", PNG))
    url, placeholder = logo_url("chamber")
    assert not placeholder
    assert re.fullmatch(
        rf"{portal.absolute_url()}/@@promoter-logo/chamber/[0-9a-f]{{16}}\.png", url
    )
    api.portal.set_registry_record(RECORD, b64encode_file("camera.svg", SVG))
    assert logo_url("chamber")[0].endswith(".svg")
    assert logo_url("chamber")[0] != url


@pytest.fixture
def site(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.user.create(
        email="admin@example.org",
        username="siteadmin",
        password=PASSWORD,
        roles=["Site Administrator"],
    )
    api.user.create(
        email="editor@example.org",
        username="editor",
        password=PASSWORD,
        roles=["Editor", "Reviewer"],
    )
    transaction.commit()
    return portal


def get(url, auth=None, **kwargs):
    return requests.get(url, auth=auth, timeout=30, allow_redirects=False, **kwargs)


def test_site_administrators_only(site):
    url = f"{site.absolute_url()}/@@promoters-controlpanel"
    page = get(url, auth=("siteadmin", PASSWORD))
    assert page.status_code == 200
    assert 'name="form.widgets.chamber_logo"' in page.text
    assert 'type="file"' in page.text
    for auth in (("editor", PASSWORD), None):
        refused = get(url, auth=auth)
        assert refused.status_code in (302, 401, 403), auth
        assert 'name="form.widgets.chamber_logo"' not in refused.text
    overview = get(f"{site.absolute_url()}/@@overview-controlpanel", auth=MANAGER)
    assert "@@promoters-controlpanel" in overview.text


def test_the_logo_served_for_a_year_and_an_old_address_sent_on(site):
    api.portal.set_registry_record(RECORD, b64encode_file("camera.png", PNG))
    transaction.commit()
    url, _placeholder = logo_url("chamber")
    response = get(url)
    assert response.status_code == 200
    assert response.content == PNG
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]
    assert requests.post(url, timeout=30).status_code == 405
    # The header names it.
    assert url in get(site.absolute_url()).text
    # A new image: a new address; the old one leads to it, uncached.
    api.portal.set_registry_record(RECORD, b64encode_file("camera.svg", SVG))
    transaction.commit()
    old = get(url)
    assert old.status_code == 302
    assert old.headers["Location"] == logo_url("chamber")[0]
    assert "max-age=31536000" not in old.headers.get("Cache-Control", "")
    svg = get(old.headers["Location"])
    assert svg.headers["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in svg.headers["Content-Security-Policy"]
    # Removed: back to the placeholder.
    api.portal.get_tool("portal_registry")[RECORD] = None
    transaction.commit()
    assert get(url).headers["Location"].endswith(CHAMBER_PLACEHOLDER)
    for wrong in ("/@@promoter-logo", "/@@promoter-logo/nobody/x.png"):
        assert get(site.absolute_url() + wrong).status_code == 404


def test_over_rest(site):
    api_url = f"{site.absolute_url()}/++api++/@controlpanels"
    headers = {"Accept": "application/json"}
    listed = requests.get(api_url, auth=MANAGER, headers=headers, timeout=30).json()
    assert "socialplan-promoters" in [p["@id"].rsplit("/", 1)[-1] for p in listed]
    panel = f"{api_url}/socialplan-promoters"
    data = requests.get(panel, auth=MANAGER, headers=headers, timeout=30).json()
    assert data["data"]["chamber_name"] == "Camera di commercio di Torino"
    response = requests.patch(
        panel,
        auth=("siteadmin", PASSWORD),
        headers=headers,
        json={"city_name": "Città metropolitana di Torino (prova)"},
        timeout=30,
    )
    assert response.status_code == 204, response.text
    transaction.begin()
    assert api.portal.get_registry_record(f"{PREFIX}.city_name") == (
        "Città metropolitana di Torino (prova)"
    )
    refused = requests.patch(
        panel,
        auth=("editor", PASSWORD),
        headers=headers,
        json={"city_name": "No"},
        timeout=30,
    )
    assert refused.status_code == 401
