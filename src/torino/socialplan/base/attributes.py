"""Attributes read on the object itself, never acquired."""

from Acquisition import aq_base


def own_attribute(obj, name, default=None):
    """``obj``'s own attribute ``name``: a comment or Pledge without an
    ``outcome`` must not pick up a page called "outcome" from its
    containers, as ``getattr`` on a wrapped object would."""
    return getattr(aq_base(obj), name, default)
