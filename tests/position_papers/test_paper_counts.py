"""Position papers in the figures and the exports: the report, the public
results and ``@consultation`` count the published contributions that carry
one; the exports link each paper (the public export published ones only,
read through public_view's allow-list)."""

from plone import api
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.position_papers.samples import odt_bytes
from tests.position_papers.samples import pdf_bytes
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from tests.support.plans import set_window
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit

import csv
import io
import pytest
import re
import transaction


def post(kind, context, data):
    guards.reset_rate_limits()
    return submit(kind, context, data, context.REQUEST)


@pytest.fixture
def papers(functional_portal):
    site = open_plan(functional_portal)
    logout()
    chapter = site["chapter"]
    with_paper = post(
        "comment",
        chapter,
        dict(VALID, text="Con documento.", position_paper=pdf_bytes()),
    )
    without = post("comment", chapter, dict(VALID, text="Senza documento."))
    pending = post(
        "comment",
        chapter,
        dict(VALID, text="In attesa, con documento.", position_paper=pdf_bytes()),
    )
    pledge = post(
        "pledge",
        site["action"],
        {
            "first_name": "Anna",
            "last_name": "Bianchi",
            "organization_type": "social_enterprise",
            "email": "anna@example.org",
            "contribution": "Due tutor.",
            "privacy_consent": True,
            "position_paper": odt_bytes(),
        },
    )
    with api.env.adopt_roles(["Manager"]):
        for obj in (with_paper, without, pledge):
            api.content.transition(obj=obj, transition="publish")
    transaction.commit()
    return {
        "plan": site["plan"],
        "with_paper": with_paper.absolute_url(),
        "pending": pending.absolute_url(),
        "pledge": pledge.absolute_url(),
    }


def path(obj_url):
    return obj_url.split("/plone", 1)[1]


def test_counted_in_the_report_results_and_rest(papers, request_factory):
    plan = path(papers["plan"].absolute_url())
    anonymous = request_factory()
    counts = anonymous.get(f"{plan}/@consultation").json()["counts"]
    assert counts["comments"] == 2 and counts["pledges"] == 1
    assert counts["position_papers"] == 2  # the pending one is not counted
    owner = request_factory(
        api=False, basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    )
    pages = request_factory(api=False)
    # The public results are shown once the consultation has closed.
    set_window(papers["plan"], "closed")
    for http, view in ((owner, "consultation-report"), (pages, "consultation-results")):
        html = http.get(
            f"{plan}/@@{view}", headers={"Accept": "text/html", "Accept-Language": "en"}
        ).text
        row = re.search(
            r"Published contributions with a position paper</t[hd]>\s*<td[^>]*>(\d+)",
            html,
        )
        assert row and row.group(1) == "2", view


def test_linked_from_the_exports(papers, request_factory):
    plan = path(papers["plan"].absolute_url())
    public = request_factory(api=False).get(
        f"{plan}/@@consultation-export", params={"format": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(public.content.decode("utf-8-sig"))))
    links = {row["Identifier"]: row["Position paper"] for row in rows}
    # Published only: the one with a paper, the one without, the Pledge.
    assert len(links) == 3 and papers["pending"] not in links
    assert links[papers["with_paper"]] == papers["with_paper"] + "/@@position-paper"
    assert links[papers["pledge"]] == papers["pledge"] + "/@@position-paper"
    assert sorted(links.values())[0] == ""
    owner = request_factory(
        api=False, basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    )
    items = owner.get(f"{plan}/@@consultation-export", params={"format": "json"}).json()
    items = items["contributions"]
    by_id = {item["id"]: item for item in items}
    # Moderators' export: the pending contribution's paper too (they may
    # download it before deciding).
    assert by_id[papers["pending"]]["position_paper"] == (
        papers["pending"] + "/@@position-paper"
    )
