"""``<socialplan:replaceSubscriber>``: put our handler in place of a stock
event subscriber.

ZCML cannot override a subscriber (subscribers have no discriminator, so
overrides.zcml only adds one more). This directive unregisters the stock
handler from the global registry and registers the replacement, as an
action that runs after the stock package's own registration (it is parsed
later: dependencies.zcml includes the stock packages first).
"""

from zope.component import getGlobalSiteManager
from zope.configuration.fields import GlobalObject
from zope.configuration.fields import Tokens
from zope.interface import Interface


class IReplaceSubscriberDirective(Interface):
    for_ = Tokens(
        title="The event subscriber's required interfaces",
        value_type=GlobalObject(),
        required=True,
    )
    handler = GlobalObject(title="The stock handler", required=True)
    replacement = GlobalObject(title="Our handler", required=True)


def _registries(registry):
    yield registry
    for base in registry.__bases__:
        yield from _registries(base)


def _replace(required, handler, replacement):
    # The global registry, or one it is stacked on (test layers push a
    # registry per layer): the replacement goes where the stock handler
    # was, so that it outlives a test layer's registry as the stock one
    # would (off our sites it does what the stock handler does).
    for registry in _registries(getGlobalSiteManager()):
        if registry.unregisterHandler(handler, required=required):
            registry.registerHandler(replacement, required=required)
            return
        if _registered(registry, replacement, required):
            return  # replaced already (the configuration loaded again)
    raise LookupError(f"{handler!r} is not registered for {required!r}")


def _registered(registry, handler, required):
    return any(
        registration.handler is handler and tuple(registration.required) == required
        for registration in registry.registeredHandlers()
    )


def replace_subscriber(context, for_, handler, replacement):
    context.action(
        discriminator=None,
        callable=_replace,
        args=(tuple(for_), handler, replacement),
        # After every default-order action, the stock registration included.
        order=1,
    )
