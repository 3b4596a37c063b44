"""Export formats: one writer each, registered by name (configure.zcml), so
that a new format is one module and one ``<utility>`` line."""

from dataclasses import dataclass
from torino.socialplan import _
from torino.socialplan.consultation.exports.cells import Labels
from torino.socialplan.consultation.exports.export_rows import Audience
from torino.socialplan.consultation.exports.export_rows import audience
from torino.socialplan.consultation.exports.export_rows import Contributions
from torino.socialplan.consultation.exports.export_rows import contributions
from zope.component import getUtilitiesFor
from zope.component import queryUtility
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface


class IExportWriter(Interface):
    """Writes an Export into its binary file; named as the ``format``."""

    name = Attribute("The format's name (the ``format`` parameter, the extension)")
    title = Attribute("What the report's download link says")
    content_type = Attribute("The HTTP Content-Type of the file")

    def write(export):
        """Write ``export.rows`` into ``export.out``."""


@dataclass
class Export:
    """What a writer writes: the rows as they come, and for whom."""

    plan: object
    rows: Contributions
    out: object
    labels: Labels
    who: Audience
    url: str

    @property
    def columns(self):
        return self.who.columns()

    @property
    def title(self):
        return self.labels(
            _(
                "Contributions to the consultation on ${plan}",
                mapping={"plan": self.plan.Title()},
            )
        )


@implementer(IExportWriter)
class ExportWriter:
    name = None
    title = None
    content_type = None

    def write(self, export):
        raise NotImplementedError


def formats():
    """The names of the registered formats, sorted."""
    return sorted(name for name, _writer in getUtilitiesFor(IExportWriter))


def writer_for(fmt):
    """The writer of ``fmt``, or None for an unknown format."""
    if not isinstance(fmt, str) or not fmt:
        return None
    return queryUtility(IExportWriter, name=fmt)


def write_export(fmt, plan, request, out, who=None, export_url=None):
    """Write the Plan's contributions in ``fmt`` into the binary file ``out``;
    returns how many were written."""
    writer = writer_for(fmt)
    if writer is None:
        raise ValueError(fmt)
    who = who or audience(plan)
    rows = contributions(plan, who)
    url = export_url or f"{plan.absolute_url()}/@@consultation-export?format={fmt}"
    writer.write(Export(plan, rows, out, Labels(request, plan), who, url))
    return rows.count
