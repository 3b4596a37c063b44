"""Test layers: a Plone site with torino.socialplan installed."""

from datetime import date
from plone import api
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
        # A site ready to open a consultation: every fact of the legal pages
        # set (tests of what happens while one is missing empty it).
        complete_legal_settings()


# The legal facts of a site ready for a consultation (example values).
LEGAL_SETTINGS = {
    "chamber_address": "Via Carlo Alberto 16, 10123 Torino",
    "chamber_pec": "protocollo@to.legalmail.example",
    "chamber_dpo": "rpd@to.camcom.example",
    "city_address": "Corso Inghilterra 7, 10138 Torino",
    "city_pec": "protocollo@cert.cittametropolitana.example",
    "city_dpo": "dpo@cittametropolitana.example",
    "retention_email_days": 90,
    "retention_rejected_days": 30,
    "retention_spam_days": 7,
    "retention_logs_days": 365,
    "notice_version": 1,
    "notice_date": date(2026, 11, 2),
    "a11y_conformity": "compliant",
    "a11y_evaluation_date": date(2026, 11, 20),
    "a11y_evaluation_method": "self_assessment",
    "a11y_feedback_email": "accessibilita@to.camcom.example",
    "a11y_agid_form_url": "https://form.agid.gov.it/view/example-statement",
}


def complete_legal_settings(**overrides):
    """Fill in the settings of the legal pages (consultation/legal/settings.py)."""
    for name, value in dict(LEGAL_SETTINGS, **overrides).items():
        api.portal.set_registry_record(f"torino.socialplan.legal.{name}", value)


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
