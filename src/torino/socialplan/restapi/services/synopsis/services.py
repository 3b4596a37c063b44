"""Thin: consultation/synopsis.py over REST."""

from plone.restapi.services import Service
from torino.socialplan.consultation import synopsis
from torino.socialplan.consultation.errors import ContributionError
from torino.socialplan.http import error_reply
from torino.socialplan.restapi.services.base import JSONPostService


def _reply(service, status):
    url = f"{service.context.absolute_url()}/@synopsis?lang={service.lang}"
    done = status["status"] == synopsis.DONE
    return {
        "@id": url,
        "lang": service.lang,
        **status,
        # The PDF itself is served by the Classic view (a file, not JSON).
        "download": (
            f"{service.context.absolute_url()}/@@synopsis?lang={service.lang}"
            "&download=1"
            if done
            else None
        ),
    }


class SynopsisGet(Service):
    def reply(self):
        try:
            synopsis.check_access(self.context)
            self.lang = synopsis.check_language(self.request.form.get("lang", "it"))
        except ContributionError as error:
            return error_reply(self.request, error)
        return _reply(self, synopsis.status(self.context, self.lang))


class SynopsisPost(JSONPostService):
    """POST {"lang": "it"|"en"}: start building (202), or the status of a
    build under way or a PDF still current."""

    def handle(self, data):
        self.lang = data.get("lang", "it")
        status = synopsis.start(self.context, self.lang)
        self.request.response.setStatus(202 if status["status"] != "done" else 200)
        return _reply(self, status)
