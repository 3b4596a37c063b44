"""``<socialplan:replaceSubscriber>`` (base/zcml.py): a stock event
subscriber replaced by ours wherever it was registered, once."""

from torino.socialplan.base import zcml
from zope.component import getGlobalSiteManager
from zope.interface import Interface

import pytest


class IThing(Interface):
    pass


class IHappened(Interface):
    pass


def stock(obj, event):
    pass


def ours(obj, event):
    pass


def handlers(required):
    return [
        r.handler
        for r in getGlobalSiteManager().registeredHandlers()
        if tuple(r.required) == required
    ]


def test_the_stock_handler_is_replaced_once():
    required = (IThing, IHappened)
    registry = getGlobalSiteManager()
    registry.registerHandler(stock, required=required)
    try:
        zcml._replace(required, stock, ours)
        assert handlers(required) == [ours]
        # The configuration loaded again (another test layer): nothing to do.
        zcml._replace(required, stock, ours)
        assert handlers(required) == [ours]
    finally:
        registry.unregisterHandler(ours, required=required)
        registry.unregisterHandler(stock, required=required)


def test_a_handler_that_is_not_there_is_an_error():
    with pytest.raises(LookupError):
        zcml._replace((IHappened, IThing), stock, ours)
