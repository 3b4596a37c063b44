"""Field shapes our types repeat: data grids and links to the promoting
bodies."""

from collective.z3cform.datagridfield.row import DictRow
from torino.socialplan.base import inputs
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema


CATALOG = "plone.app.vocabularies.Catalog"

# directives.widget(name, RelatedItemsFieldWidget, **INSTITUTION_PICKER)
INSTITUTION_PICKER = {
    "vocabulary": CATALOG,
    "pattern_options": {"selectableTypes": ["Institution"], "recentlyUsed": True},
}


def grid(title, row_title, row_schema, description="", max_length=None):
    """An optional data grid: rows of ``row_schema``, at most the input
    policy's GRID_ROWS_MAX unless ``max_length`` says fewer."""
    return schema.List(
        title=title,
        description=description,
        value_type=DictRow(title=row_title, schema=row_schema),
        required=False,
        default=[],
        max_length=max_length or inputs.GRID_ROWS_MAX,
    )


def institutions(title, item_title):
    """Optional links to Institutions (the promoting bodies)."""
    return RelationList(
        title=title,
        value_type=RelationChoice(title=item_title, vocabulary=CATALOG),
        required=False,
        default=[],
    )
