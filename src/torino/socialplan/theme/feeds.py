"""Feed links in the page head with a clean title in the visitor's language:
Plone 6.2's viewlet prints the format as bytes ("Site - b'RSS 2.0'")."""

from plone.app.layout.links.viewlets import RSSViewlet
from torino.socialplan import _
from zope.i18n import translate


class FeedLinks(RSSViewlet):
    def getRssLinks(self, obj):
        links = super().getRssLinks(obj)
        prefix = f"{obj.Title()} - "
        for link in links:
            feed = link["title"].removeprefix(prefix)
            if feed.startswith(("b'", 'b"')):
                feed = feed[2:-1]
            link["title"] = translate(
                _(
                    "${title} (${feed} feed)",
                    mapping={"title": obj.Title(), "feed": feed},
                ),
                context=self.request,
            )
        return links
