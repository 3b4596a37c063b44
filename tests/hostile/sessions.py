"""Sessions of the request-level tests: by the login cookie, as a browser
holds it after logging in (no Authorization header)."""

from tests.support.clients import JSON
from tests.support.clients import TIMEOUT
from tests.support.users import PASSWORD

import json
import requests


def cookie_session(site, who):
    """A session holding ``who``'s login cookie (from @login, which sets it
    as the Classic login form does)."""
    http = requests.Session()
    response = http.post(
        f"{site['portal'].absolute_url()}/@login",
        data=json.dumps({"login": who, "password": PASSWORD}),
        headers=JSON,
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text[:200]
    assert "__ac" in http.cookies
    return http
