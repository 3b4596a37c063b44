"""Every method on stock addresses: 405 with Allow, never a 500, never a
write.

ZPublisher's WebDAV check raised AttributeError (a 500 with a traceback)
for PUT, DELETE, OPTIONS, PROPFIND... on any browser view or skin page
(http/unsupported_methods.py); OPTIONS and PATCH as Anonymous committed
transactions, and a Manager's PUT, DELETE and MKCOL wrote content outside
every form (http/methods.py's refuse_webdav). Swept as Anonymous and as a
Manager, with methods WebDAV knows and one nobody does: no 5xx, and the
database's last transaction is the same after the sweep. Our own views are
test_requests.py's; the REST API's PATCH, PUT and DELETE tests/restapi's."""

from tests.support.users import PASSWORD

import pytest
import requests
import transaction


STOCK = [
    "",
    "plan",
    "plan/chapter",
    "plan/RSS",
    "plan/@@rss.xml",
    "plan/@@view",
    "plan/view",
    "plan/@@edit",
    "plan/@@folder_contents",
    "plan/@@historyview",
    "plan/chapter/@@images",
    "@@search",
    "@@sitemap",
    "@@contact-info",
    "@@login",
    "@@register",
    "@@mail_password_form",
    "@@personal-information",
    "@@overview-controlpanel",
    "@@site-controlpanel",
    "@@search-controlpanel",
]
METHODS = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "PROPPATCH"]
METHODS += ["MKCOL", "LOCK", "UNLOCK", "COPY", "MOVE", "FOO"]
TIMEOUT = 60


@pytest.mark.parametrize("who", ["anonymous", "manager"])
def test_no_method_fails_on_stock_addresses(hostile_site, who):
    base = hostile_site["portal"].absolute_url()
    http = requests.Session()
    if who == "manager":
        http.auth = ("manager", PASSWORD)
    before = last_transaction(hostile_site)
    failed, refused = [], 0
    for path in STOCK:
        for method in METHODS:
            response = http.request(
                method, f"{base}/{path}", timeout=TIMEOUT, allow_redirects=False
            )
            if response.status_code >= 500 or "Traceback" in response.text:
                failed.append((method, path, response.status_code))
            if response.headers.get("Allow") == "GET, HEAD, POST":
                assert response.status_code == 405
                refused += 1
    assert not failed
    # The views were reached and refused, not merely unauthorised.
    assert refused > len(STOCK)
    assert last_transaction(hostile_site) == before


def test_browser_methods_still_served(hostile_site):
    base = hostile_site["portal"].absolute_url()
    assert requests.get(f"{base}/@@search", timeout=TIMEOUT).status_code == 200
    assert requests.get(f"{base}/plan", timeout=TIMEOUT).status_code == 200


def last_transaction(site):
    transaction.abort()
    return site["portal"]._p_jar.db().lastTransaction()
