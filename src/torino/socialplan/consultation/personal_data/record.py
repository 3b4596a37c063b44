"""The record of processing activities (GDPR art. 30) for the data protection
officers: what the settings say (controllers, purposes, legal basis,
retention) and what the site holds now (contributions with an address, by
kind and state; the requests of people about their data, by action)."""

from datetime import datetime
from datetime import UTC
from torino.socialplan.consultation.legal import settings
from torino.socialplan.consultation.personal_data import places
from torino.socialplan.consultation.personal_data import rights


CATEGORIES_OF_DATA = (
    "first name",
    "surname",
    "organisation and type of organisation",
    "e-mail address",
    "text of comments and pledges",
    "date of sending",
    "version of the privacy notice accepted",
    "network address (rate limiting only, not stored in the database)",
)
RECIPIENTS = (
    "moderators of the promoting bodies (every field)",
    "the public (name, organisation and text of published contributions)",
)


def record():
    values = settings.values()
    holding = {}
    for kind, obj in places.contributions():
        if places.has_identifiers(kind, obj):
            key = f"{kind.name}/{kind.state(obj)}"
            holding[key] = holding.get(key, 0) + 1
    requests = {}
    for entry in rights.audit_entries():
        key = f"{entry['action']}/{entry['via']}"
        requests[key] = requests.get(key, 0) + 1
    return {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "controllers": [
            {
                "name": values.get(f"{prefix}_name"),
                "address": values.get(f"{prefix}_address"),
                "pec": values.get(f"{prefix}_pec"),
                "dpo": values.get(f"{prefix}_dpo"),
            }
            for prefix in ("chamber", "city")
        ],
        "purposes": {"it": values.get("purposes_it"), "en": values.get("purposes_en")},
        "legal_basis": {
            "it": values.get("legal_basis_it"),
            "en": values.get("legal_basis_en"),
        },
        "data_subjects": "people and organisations who contribute to the consultation",
        "categories_of_data": list(CATEGORIES_OF_DATA),
        "recipients": list(RECIPIENTS),
        "transfers_outside_the_eu": "none",
        "retention_days_after_the_consultation_closes": {
            "email_addresses": values.get("retention_email_days"),
            "rejected_contributions": values.get("retention_rejected_days"),
            "spam": values.get("retention_spam_days"),
            "logs": values.get("retention_logs_days"),
        },
        "privacy_notice_version": values.get("notice_version"),
        "missing_settings": settings.missing(),
        "contributions_holding_an_address": holding,
        "requests_about_personal_data": requests,
    }
