"""Catalog indexers of our types."""

from plone.indexer import indexer
from torino.socialplan.content.action import IAction


@indexer(IAction)
def action_code(obj):
    return obj.code
