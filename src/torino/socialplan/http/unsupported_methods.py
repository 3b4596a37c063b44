"""405, not 500, for a method that no stock view or page answers.

ZPublisher treats any method but GET, POST and HEAD as WebDAV's: once
traversal reaches the last name of the path, it insists that the name be an
attribute or an item of the container, so that PUT does not write over an
acquired object. A browser view (``@@search``, ``plan/@@edit``) or a skin
page (``plan/RSS``) is neither, and PUT, DELETE, PATCH, OPTIONS, TRACE,
PROPFIND... on it ended in ``AttributeError: <name>``: a 500 with a
traceback. Our own views answer 405 before that (methods.py); this exception
view gives the same answer for every other address of our sites. Any other
AttributeError is still the 500 it is, on Plone's error page.
"""

from pathlib import Path
from Products.CMFPlone.browser import exceptions
from Products.CMFPlone.browser.exceptions import ExceptionView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan.http.methods import BROWSER_METHODS
from torino.socialplan.http.methods import FORM
from torino.socialplan.http.methods import method_not_allowed


STOCK_TEMPLATES = Path(exceptions.__file__).parent / "templates"


class UnsupportedMethodView(ExceptionView):
    index = ViewPageTemplateFile(str(STOCK_TEMPLATES / "error_message.pt"))

    def __call__(self):
        if not self.is_unsupported_method():
            return super().__call__()
        answer = method_not_allowed(self.request, FORM)
        response = self.request.response
        # Locked: plone.transformchain sets the status from the exception
        # class again when the request fails (PubBeforeAbort).
        response.setStatus(answer.getStatus(), lock=True)
        for name, value in answer.headers.items():
            response.setHeader(name, value)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return str(answer)

    def is_unsupported_method(self):
        """Whether this is ZPublisher's WebDAV check refusing the last name
        of the path: a non-browser method, and the error names that name."""
        method = (self.request.get("REQUEST_METHOD") or "GET").upper()
        if method in BROWSER_METHODS or len(self.context.args) != 1:
            return False
        last = (self.request.get("PATH_INFO") or "").rstrip("/").rsplit("/", 1)[-1]
        return bool(last) and self.context.args[0] == last
