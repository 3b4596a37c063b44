"""1011 → 1012: the Plan's life (issue 26): the permission "Move the Plan on"
for the Plan's editors (rolemap.xml)."""

import logging


logger = logging.getLogger("torino.socialplan")
PROFILE = "profile-torino.socialplan:default"


def move_plan_on_permission(context):
    context.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    logger.info("The Plan's editors may move the Plan on")
