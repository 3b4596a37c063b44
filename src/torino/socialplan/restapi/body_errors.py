"""plone.restapi's DeserializationError answered 400, not 500.

``json_body`` raises it for any body that is JSON but not an object
(``null``, ``[]``, ``1``): stock services that do not catch it (the
``@workflow`` transitions, among others) answered 500. This is plone.rest's
error view, registered for that error on our layer, with the status of a
client's error. On sites with the add-on only.
"""

from plone.rest.errors import ErrorHandling
from plone.restapi.exceptions import DeserializationError
from torino.socialplan.interfaces import IBrowserLayer
from zope.component import adapter

import json


@adapter(DeserializationError, IBrowserLayer)
class DeserializationErrorHandling(ErrorHandling):
    def __call__(self):
        data = self.render_exception(self.context)
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(400, lock=1)
        response.setBody(json.dumps(data, indent=2, sort_keys=True), lock=1)
        return
