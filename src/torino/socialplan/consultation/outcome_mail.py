"""Contributors told of the outcomes: when a Plan's outcomes are published,
each author who asked for it (the box on the forms, ``outcome_mail_opt_in``:
contributions/outcome_opt_in.py) gets one e-mail listing their published
contributions with an outcome, with outcome, motivation and a link to the
comparison of the consulted and approved texts (at the change, when the
outcome is linked to one). Contributions stored before the box existed did
not ask: their authors are not mailed.

The e-mail is in the language the contributor wrote in (that of their latest
such contribution). Through the site MailHost like every mail of the
consultation (notifications.send): queued until the transaction commits; a
mail that fails is logged and never blocks the publication.
"""

from plone.app.discussion.interfaces import IComment
from torino.socialplan import _
from torino.socialplan.base.attributes import own_attribute
from torino.socialplan.consultation.changes import linked_changes
from torino.socialplan.consultation.contributions.outcome_opt_in import wants_outcome
from torino.socialplan.consultation.contributions.outcome_opt_in import written_in
from torino.socialplan.consultation.notifications import send
from torino.socialplan.consultation.outcomes import outcome_of
from torino.socialplan.consultation.outcomes import outcome_title
from torino.socialplan.consultation.outcomes import published_entries

import re


CHANGES_VIEW = "how-the-plan-changed"


def _address(obj):
    name = "author_email" if IComment.providedBy(obj) else "email"
    value = own_attribute(obj, name, None) or ""
    return value.strip() if re.match(r"^[^@\s]+@[^@\s]+$", value.strip()) else None


def _name(obj):
    return (
        own_attribute(obj, "first_name", "")
        or own_attribute(obj, "author_name", "")
        or ""
    )


def _text(obj):
    name = "text" if IComment.providedBy(obj) else "contribution"
    text = own_attribute(obj, name, "") or ""
    return text if len(text) <= 200 else text[:199] + "…"


def messages(plan):
    """{address: (subject, [paragraphs], language)}: one message per
    contributor who asked for it."""
    by_address = {}
    for brain in published_entries(plan):
        obj = brain._unrestrictedGetObject()
        values = outcome_of(obj)
        address = _address(obj)
        if not values["outcome"] or address is None or not wants_outcome(obj):
            continue
        by_address.setdefault(address, []).append((obj, values))
    comparison = f"{plan.absolute_url()}/@@{CHANGES_VIEW}"
    out = {}
    for address, entries in by_address.items():
        body = [
            _("Dear ${name},", mapping={"name": _name(entries[0][0])}),
            _(
                'the outcomes of the consultation on "${plan}" are published. '
                "Here is what became of your contributions.",
                mapping={"plan": plan.Title()},
            ),
        ]
        for obj, values in entries:
            links = linked_changes(obj)
            url = f"{comparison}#change-{links[0]}" if links else comparison
            body.append(
                _(
                    'Your contribution: "${text}" Outcome: ${outcome}. '
                    "Motivation: ${motivation} See how the Plan changed: ${url}",
                    mapping={
                        "text": _text(obj),
                        "outcome": outcome_title(values["outcome"]),
                        "motivation": values["outcome_motivation"] or "—",
                        "url": url,
                    },
                )
            )
        subject = _(
            'Outcomes of the consultation on "${plan}"',
            mapping={"plan": plan.Title()},
        )
        out[address] = (subject, body, written_in(entries[-1][0]))
    return out


def tell_contributors(plan):
    """Queue one message per contributor; returns how many were queued."""
    sent = 0
    for address, (subject, body, language) in messages(plan).items():
        sent += bool(send(address, subject, body, language=language))
    return sent
