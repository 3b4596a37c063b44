"""Personal data a public body can answer for (GDPR arts. 5, 13, 15, 17, 30).

- settings.py: the facts of the privacy notice and of the accessibility
  statement, in the registry (the control panel edits them), and what is
  still missing.
- notice.py: the notice's versions and the version each contribution accepted.
- places.py: every place that holds an e-mail address or a token.
- retention.py: erasing what a period past the consultation's end allows.
- rights.py: access, withdrawal and erasure for a person without an account.
"""
