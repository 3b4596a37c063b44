"""HTTP caching of the public pages (plone.app.caching) and purging of the
pages a change shows on (plone.cachepurging).

What is cached: the default view of published Plans, Chapters, Actions and
Institutions, a Plan's public results, and the REST GETs of those texts, for
anonymous readers only (``lookup.py`` picks the rulesets, the profile's
registry records map them to operations). What is purged: ``purge.py`` lists
the paths a text, a comment or a pledge shows on; ``subscribers.py`` queues
them on publication, rejection, spam, edits and removals.
"""

PAGE_RULESET = "torino.socialplan.page"
API_RULESET = "torino.socialplan.api"
RULESETS = (PAGE_RULESET, API_RULESET)
