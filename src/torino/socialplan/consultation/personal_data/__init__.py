"""What is done with personal data, so that a public body can answer for
it (GDPR arts. 5, 15, 17, 30); what the public is told is in ../legal.

- places.py: every place that holds an e-mail address or a token.
- mail_queue.py: the places outside the database: queued mail, mail logs.
- retention.py: erasing what a period past the consultation's end allows.
- rights.py: access, withdrawal and erasure for a person without an account.
"""
