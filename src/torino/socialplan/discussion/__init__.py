"""How our comments extend plone.app.discussion: extra fields, rendered text, events."""
