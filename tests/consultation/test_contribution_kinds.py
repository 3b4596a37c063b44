"""The contribution model, through a kind the add-on does not ship.

Adding a kind is one module (tests/consultation/position_paper.py: its
schema, public fields, storage and mails) and one registration (here
``registerUtility``, in a package a ``<utility>`` line): the pipeline, the
window, the honeypot, validation with the input policy, the rate limit, the
moderators' notice, the moderation queue and the privacy allow-list then
work for it unchanged.
"""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import TEST_USER_NAME
from tests.consultation.position_paper import POSITION_PAPER
from tests.support.plans import open_plan
from torino.socialplan.consultation import moderation
from torino.socialplan.consultation.contributions import IContributionKind
from torino.socialplan.consultation.contributions import kind_of
from torino.socialplan.consultation.contributions import submit
from torino.socialplan.consultation.contributions.events import IContributionReady
from torino.socialplan.consultation.contributions.kinds import readable_fields
from torino.socialplan.consultation.errors import ConsultationNotOpen
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.consultation.errors import TooManyContributions
from zope.component import adapter
from zope.component import getGlobalSiteManager
from zope.interface import Interface

import pytest


PAPER = {
    "text": "La nostra proposta per l'economia sociale dei quartieri.",
    "document_url": "https://example.org/posizione.pdf",
    "first_name": "Giulia",
    "last_name": "Neri",
    "organization": "Rete Quartieri",
    "organization_type": "third_sector",
    "author_email": "giulia.private@example.org",
    "privacy_consent": True,
}


@pytest.fixture
def site(portal):
    registry = getGlobalSiteManager()
    registry.registerUtility(POSITION_PAPER, IContributionKind, "position_paper")
    ready = []

    @adapter(Interface, IContributionReady)
    def heard(obj, event):
        ready.append((obj, event.kind))

    registry.registerHandler(heard)
    site = open_plan(portal)
    site["ready"] = ready
    logout()
    yield site
    login(portal, TEST_USER_NAME)
    registry.unregisterHandler(heard)
    registry.unregisterUtility(POSITION_PAPER, IContributionKind, "position_paper")


def test_a_new_kind_goes_through_the_one_pipeline(site):
    paper = submit("position_paper", site["plan"], dict(PAPER), site["portal"].REQUEST)
    assert kind_of(paper) is POSITION_PAPER
    assert paper.document_url == PAPER["document_url"]
    assert paper.author_name == "Giulia Neri"
    assert api.content.get_state(obj=paper) == "pending"
    assert paper in IConversation(site["plan"]).values()
    # The moderators are told, with the kind's own message.
    assert site["ready"] == [(paper, POSITION_PAPER)]
    subject, _body = POSITION_PAPER.mail(
        "to_moderate", {"author": "Giulia Neri", "text": "x", "queue": "q"}
    )
    assert subject == "New position paper from ${author}"


def test_its_schema_validates_with_the_input_policy(site):
    data = dict(PAPER, document_url="", text="a\u202eb")
    with pytest.raises(ContributionError) as raised:
        submit("position_paper", site["plan"], data, site["portal"].REQUEST)
    messages = dict(raised.value.errors)
    assert messages["document_url"] == "Give the link to your paper."
    assert "text-direction" in messages["text"]
    # Keys of other kinds are unknown to it.
    data = dict(PAPER, anchor={"exact": "Il piano"})
    with pytest.raises(ContributionError) as raised:
        submit("position_paper", site["plan"], data, site["portal"].REQUEST)
    assert raised.value.errors[0][0] is None
    assert IConversation(site["plan"]).total_comments() == 0


def test_the_window_and_the_rate_limit_hold_for_it(site):
    request = site["portal"].REQUEST
    for _n in range(5):
        submit("position_paper", site["plan"], dict(PAPER), request)
    with pytest.raises(TooManyContributions):
        submit("position_paper", site["plan"], dict(PAPER), request)
    # Its own count: comments from the same client are still accepted.
    comment = dict(PAPER)
    del comment["document_url"]
    submit("comment", site["plan"], comment, request)
    site["plan"].consultation_end = site["plan"].consultation_start
    with pytest.raises(ConsultationNotOpen):
        submit("position_paper", site["plan"], dict(PAPER), request)


def test_its_allow_list_keeps_the_email_private(site):
    paper = submit("position_paper", site["plan"], dict(PAPER), site["portal"].REQUEST)
    public = readable_fields(paper, site["plan"])
    assert "document_url" in public
    assert "author_email" not in public
    # Its schema makes the names private, unlike a comment's.
    assert "first_name" not in public
    login(site["portal"], TEST_USER_NAME)
    api.user.grant_roles(username=TEST_USER_NAME, roles=["Manager"])
    assert "author_email" in readable_fields(paper, site["plan"])


def test_it_waits_in_the_moderation_queue(site):
    paper = submit("position_paper", site["plan"], dict(PAPER), site["portal"].REQUEST)
    login(site["portal"], TEST_USER_NAME)
    api.user.grant_roles(username=TEST_USER_NAME, roles=["Manager"])
    paths = [b.getPath() for b in moderation.queue_entries(site["plan"])]
    assert "/".join(paper.getPhysicalPath()) in paths
    moderation.moderate(site["plan"], [paper.absolute_url()], "publish")
    assert api.content.get_state(obj=paper) == "published"
    assert kind_of(paper) is POSITION_PAPER
