"""Our permissions by title, as plone.api and Zope check them (permissions.zcml
declares them with these titles)."""

MODERATE = "torino.socialplan: Moderate contributions"
VIEW_EMAIL = "torino.socialplan: View contributor e-mail"
RECORD_OUTCOMES = "torino.socialplan: Record outcomes"
MOVE_PLAN_ON = "torino.socialplan: Move the Plan on"
