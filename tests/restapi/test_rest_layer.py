"""Our REST adapters answer only requests of sites with the add-on installed."""

from collective.z3cform.datagridfield.deserializer import DatagridRowDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.serializer.dxfields import DateTimeFieldSerializer
from torino.socialplan.content.institution import Institution
from torino.socialplan.content.plan import IPlan
from torino.socialplan.content.plan import Plan
from torino.socialplan.interfaces import IBrowserLayer
from torino.socialplan.restapi.deserializer import RowDeserializer
from torino.socialplan.restapi.serializer import RomeDatetimeFieldSerializer
from torino.socialplan.restapi.serializer import SerializeInstitutionToJson
from torino.socialplan.restapi.serializer import SerializePlanToJson
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.publisher.browser import TestRequest

import pytest


@pytest.fixture
def plain_request():
    return TestRequest()


@pytest.fixture
def our_request():
    request = TestRequest()
    alsoProvides(request, IBrowserLayer)
    return request


def lookups(request):
    plan = Plan("plan")
    phases = IPlan["phases"]
    return (
        type(getMultiAdapter((phases.value_type, plan, request), IFieldDeserializer)),
        type(
            getMultiAdapter(
                (IPlan["consultation_start"], plan, request), IFieldSerializer
            )
        ),
        type(getMultiAdapter((plan, request), ISerializeToJson)),
        type(getMultiAdapter((Institution("i"), request), ISerializeToJson)),
    )


def test_stock_adapters_without_our_layer(portal, plain_request):
    assert lookups(plain_request) == (
        DatagridRowDeserializer,
        DateTimeFieldSerializer,
        SerializeFolderToJson,
        SerializeToJson,
    )


def test_our_adapters_with_our_layer(portal, our_request):
    assert lookups(our_request) == (
        RowDeserializer,
        RomeDatetimeFieldSerializer,
        SerializePlanToJson,
        SerializeInstitutionToJson,
    )
