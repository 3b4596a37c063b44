"""Test layers: a Plone site with torino.socialplan installed."""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing import zope as zope_testing
from typing import ClassVar
from zope.configuration import xmlconfig

import torino.socialplan


class TorinoSocialplanLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # Autoinclude is off in test layers: our dependencies.zcml pulls in
        # plone.restapi, plone.app.discussion (an add-on since Plone 6.1) and
        # the data grid field; overrides.zcml brings the grid's overrides.
        self.loadZCML(package=torino.socialplan)
        xmlconfig.includeOverrides(
            configurationContext, "overrides.zcml", package=torino.socialplan
        )
        # includeOverrides only queues its actions: run them, as Zope's
        # start-up does (before, the overrides were never in effect in tests).
        configurationContext.execute_actions()

    def setUpPloneSite(self, portal):
        applyProfile(portal, "torino.socialplan:default")


class WSGIServer(zope_testing.WSGIServer):
    """plone.testing's test server, with the instance's filter for requests
    Zope cannot read (http/wsgi.py), as instance/etc/zope.ini has it."""

    pipeline: ClassVar[list] = [
        *zope_testing.WSGIServer.pipeline,
        ("torino.socialplan", "paste.filter_app_factory", "request_framing", {}),
    ]


FIXTURE = TorinoSocialplanLayer()

WSGI_SERVER_FIXTURE = WSGIServer(name="TorinoSocialplan:WSGIServer")

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="TorinoSocialplanLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="TorinoSocialplanLayer:FunctionalTesting",
)
