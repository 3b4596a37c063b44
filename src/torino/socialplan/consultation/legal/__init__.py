"""What the public is told: the facts of the privacy notice and of the
accessibility statement (settings.py, edited in Site Setup) and the notice's
versions, one of which each contribution accepted (notice.py). What is done
with personal data is in ../personal_data."""
