"""Contributions of a known person on the Plan of tests/contributors.py."""

from contributors import VALID
from plone import api
from plone.app.testing import logout
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions import submit


PERSON = "giulia-marker-7b3a@example.org"
OTHER = "other-marker-2c9d@example.org"


def comment(site, email=PERSON, text="Più asili nido vicino al lavoro."):
    """An anonymous comment on the Chapter by ``email``."""
    guards.reset_rate_limits()
    logout()
    data = dict(
        VALID, text=text, author_email=email, first_name="Giulia", last_name="Neri"
    )
    return submit("comment", site["chapter"], data, site["portal"].REQUEST)


def pledge(site, email=PERSON):
    """An anonymous pledge for the Action by ``email``."""
    guards.reset_rate_limits()
    logout()
    data = {
        "first_name": "Giulia",
        "last_name": "Neri",
        "organization": "Cooperativa Sole",
        "organization_type": "social_enterprise",
        "email": email,
        "actions": [api.content.get_uuid(site["action"])],
        "contribution": "Dieci ore di tutoraggio al mese.",
        "privacy_consent": True,
    }
    return submit("pledge", site["plan"], data, site["portal"].REQUEST)
