"""What the hostile tests post when the attack is elsewhere: a valid comment
and a valid pledge."""

COMMENT = {
    "text": "Servono più tutor.",
    "first_name": "Maria",
    "last_name": "Rossi",
    "organization": "Cooperativa Aurora",
    "organization_type": "social_enterprise",
    "author_email": "maria@example.org",
    "privacy_consent": True,
}
PLEDGE = {
    "first_name": "Maria",
    "last_name": "Rossi",
    "organization_type": "social_enterprise",
    "email": "maria@example.org",
    "contribution": "Due tutor.",
    "privacy_consent": True,
}
