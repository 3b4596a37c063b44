"""Mail: moderators hear of each new contribution; authors of publication
and rejection (with the reason), never of spam."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.participation.moderation import add_comment
from tests.participation.moderation import add_pledge
from tests.participation.moderation import comment_url
from tests.participation.moderation import SENDER
from tests.participation.moderation import sent
from tests.support.users import acting_as
from tests.support.users import ANONYMOUS
from torino.socialplan.consultation import moderation
from torino.socialplan.consultation import notifications

import pytest


@pytest.fixture
def site(moderated_by_mail):
    return moderated_by_mail


# Moderators


def test_moderators_hear_of_a_new_comment(site, mailbox):
    with acting_as(site["portal"], ANONYMOUS):
        add_comment(site["training"], "More courses, please.", "Nora")
    (mail,) = sent(mailbox)
    # Only members of the moderators group with an address: not the silent
    # moderator, not reviewers or managers.
    assert mail["to"] == "moderator@example.org"
    assert SENDER in mail["from"]
    assert mail["subject"] == "New comment to moderate on Training"
    assert "Nora Rossi (Cooperativa Aurora)" in mail["body"]
    assert "More courses, please." in mail["body"]
    assert f"{site['plan'].absolute_url()}/@@moderation" in mail["body"]


def test_moderators_hear_of_a_new_reply(site, mailbox):
    parent = site["c_work"]
    with acting_as(site["portal"], "manager"):
        moderation.moderate(site["plan"], [comment_url(parent)], "publish")
    mailbox.reset()
    with acting_as(site["portal"], ANONYMOUS):
        from plone.app.discussion.interfaces import IReplies
        from zope.component import createObject

        reply = createObject("plone.Comment")
        reply.text = "I agree."
        reply.first_name, reply.last_name = "Olga", "Verdi"
        reply.author_email = "olga@example.org"
        IReplies(parent).addComment(reply)
    (mail,) = sent(mailbox)
    assert mail["to"] == "moderator@example.org"
    assert "I agree." in mail["body"]


def test_a_moderators_own_comment_needs_no_review(site, mailbox):
    with acting_as(site["portal"], "moderator"):
        comment = add_comment(
            site["work"], "Moderator here.", "Moderator", username="moderator"
        )
    # plone.app.discussion publishes it at once; nobody is told.
    assert api.content.get_state(obj=comment) == "published"
    assert sent(mailbox) == []


def test_moderators_hear_of_a_new_pledge(site, mailbox):
    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    add_pledge(site["plan"], [site["training"], site["funds"]], "Paola")
    (mail,) = sent(mailbox)
    assert mail["to"] == "moderator@example.org"
    assert (
        mail["subject"] == "New pledge to moderate from Paola Bianchi (Fondazione Nord)"
    )
    assert "Training; Funds" in mail["body"]
    assert "Paola offers two tutors." in mail["body"]


def test_moderators_are_not_told_of_comments_outside_plans(site, mailbox):
    with acting_as(site["portal"], ANONYMOUS):
        add_comment(site["portal"]["chamber"], "Hello.", "Quinto")
    assert sent(mailbox) == []


# Authors


def test_authors_hear_their_contributions_are_published(site, mailbox):
    comment, pledge = site["c_training"], site["p_funds"]
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(
            site["plan"], [comment_url(comment), pledge.absolute_url()], "publish"
        )
    mails = {m["to"]: m for m in sent(mailbox)}
    assert set(mails) == {"elena@example.org", "luca@example.org"}
    assert mails["elena@example.org"]["subject"] == "Your comment has been published"
    assert "Dear Elena," in mails["elena@example.org"]["body"]
    assert site["training"].absolute_url() in mails["elena@example.org"]["body"]
    assert mails["luca@example.org"]["subject"] == "Your pledge has been published"
    assert pledge.absolute_url() in mails["luca@example.org"]["body"]


def test_authors_hear_of_a_rejection_with_its_reason(site, mailbox):
    comment, pledge = site["c_work"], site["p_training"]
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(
            site["plan"],
            [comment_url(comment), pledge.absolute_url()],
            "reject",
            reason="personal_data",
            note="Names a neighbour: internal note.",
        )
    mails = {m["to"]: m for m in sent(mailbox)}
    assert set(mails) == {"dario@example.org", "ivo@example.org"}
    assert mails["dario@example.org"]["subject"] == "Your comment was not published"
    assert mails["ivo@example.org"]["subject"] == "Your pledge was not published"
    for mail in mails.values():
        assert "Reason: Discloses personal data." in mail["body"]
        # The note is for the moderators' record only.
        assert "neighbour" not in mail["body"]


def test_a_rejection_without_a_reason_says_so(site, mailbox):
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(site["plan"], [comment_url(site["c_work"])], "reject")
    (mail,) = sent(mailbox)
    assert "Reason: no reason given." in mail["body"]


def test_spam_is_never_answered(site, mailbox):
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(
            site["plan"],
            [comment_url(site["c_work"]), site["p_training"].absolute_url()],
            "mark_as_spam",
            reason="advertising",
        )
    assert sent(mailbox) == []


def test_no_mail_without_an_address(site, mailbox):
    with acting_as(site["portal"], ANONYMOUS):
        comment = add_comment(site["work"], "No address.", "Rita", email="")
    mailbox.reset()
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(site["plan"], [comment_url(comment)], "publish")
    assert sent(mailbox) == []


def test_mail_speaks_the_site_language(site, mailbox, monkeypatch):
    languages = []
    real = notifications.translate

    def spy(message, **kw):
        languages.append(kw.get("target_language"))
        return real(message, **kw)

    monkeypatch.setattr(notifications, "translate", spy)
    api.portal.set_registry_record("plone.default_language", "it")
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(
            site["plan"], [comment_url(site["c_work"])], "reject", reason="duplicate"
        )
    assert languages and set(languages) == {"it"}
    assert len(sent(mailbox)) == 1


def test_moderation_works_without_a_mail_server(site, mailbox, caplog, monkeypatch):
    api.portal.set_registry_record("plone.email_from_address", "")
    monkeypatch.setattr(notifications, "_told", [])
    with acting_as(site["portal"], "moderator"):
        moderation.moderate(site["plan"], [comment_url(site["c_work"])], "publish")
    assert api.content.get_state(obj=site["c_work"]) == "published"
    assert sent(mailbox) == []
    assert "No mail server is configured" in caplog.text


# No mail server


def test_without_a_mail_server_the_site_says_so_once_and_on_the_queue(
    moderated, caplog, monkeypatch
):
    """No SMTP server set (a fresh site, the demo under buildout): nothing is
    sent, the log says why once (not once per message), and the moderation
    page tells moderators to look there."""
    site = moderated
    api.portal.set_registry_record("plone.smtp_host", "")
    monkeypatch.setattr(notifications, "_told", [])
    with acting_as(site["portal"], ANONYMOUS):
        add_comment(site["training"], "Più corsi.", "Nora")
        add_comment(site["training"], "Più sportelli.", "Ada")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [notifications.NOT_CONFIGURED]
    assert "A notification was not sent" not in caplog.text
    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    html = site["plan"].restrictedTraverse("@@moderation")()
    assert "No mail server is configured" in html
    assert "Più sportelli." in html  # what was not mailed waits here


def test_with_a_mail_server_the_queue_has_no_such_warning(site, mailbox):
    setRoles(site["portal"], TEST_USER_ID, ["Manager"])
    html = site["plan"].restrictedTraverse("@@moderation")()
    assert "No mail server is configured" not in html


def test_moderators_are_looked_up_once_before_the_write(site, mailbox, monkeypatch):
    """The pipeline's check (``prepare``, outside the write turn) looks the
    moderators up; telling them when the comment is stored asks nobody
    again in the same request."""
    from tests.support.contributions import VALID
    from torino.socialplan.consultation import guards
    from torino.socialplan.consultation.contributions import pipeline

    lookups = []
    lookup = notifications._moderator_addresses

    def counted():
        lookups.append(True)
        return lookup()

    monkeypatch.setattr(notifications, "_moderator_addresses", counted)
    guards.reset_rate_limits()
    request = site["portal"].REQUEST
    request.other.pop(notifications._ADDRESSES_KEY, None)  # the fixture's posts
    with acting_as(site["portal"], ANONYMOUS):
        submission = pipeline.prepare("comment", site["training"], dict(VALID), request)
        assert lookups == [True]
        pipeline.store(submission)
    assert lookups == [True]
    (mail,) = sent(mailbox)
    assert mail["to"] == "moderator@example.org"
