"""torino.socialplan: the public consultation on the Metropolitan Plan for the
Social Economy of Turin."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "torino.socialplan"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
