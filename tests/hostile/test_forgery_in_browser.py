"""A hostile page on another origin, in Chromium, with a moderator logged in
to the site (Classic login form: the ``__ac`` cookie): it submits a
text/plain form and sends no-cors fetches at the REST API. Nothing changes.

The hostile page is served on another port of ``localhost``: another origin,
but the same site, so the cookie's SameSite=Lax does not hold it back (as a
same-site subdomain would not): only the server's check stands in the way.
"""

from http.server import SimpleHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone.app.discussion.interfaces import IConversation
from tests.support.users import PASSWORD

import functools
import json
import pytest
import threading
import transaction


PAGE = """<!doctype html>
<html><body>
<h1>Win a prize</h1>
<form id="forged" method="post" enctype="text/plain" action="{moderation}">
  <input type="hidden" name='{field}' value='"}}'>
</form>
<script>
const body = {body};
const results = [];
async function attack() {{
  for (const [url, data] of [
    ["{moderation}", body],
    ["{comments}", {comment}],
    ["{workflow}", ""],
  ]) {{
    for (const headers of [
      {{"Content-Type": "text/plain", "Accept": "application/json"}},
      {{"Accept": "application/json"}},
    ]) {{
      try {{
        await fetch(url, {{
          method: "POST", mode: "no-cors", credentials: "include",
          headers, body: new Blob([JSON.stringify(data)]),
        }});
        results.push("sent");
      }} catch (e) {{
        results.push("error " + e);
      }}
    }}
  }}
  document.title = "fetched " + results.join(",");
}}
</script>
</body></html>
"""


@pytest.fixture
def hostile_server(tmp_path):
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("localhost", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def state(obj):
    transaction.abort()
    return obj.portal_workflow.getInfoFor(obj, "review_state")


def test_a_cross_origin_page_changes_nothing(chromium, hostile_site, hostile_server):
    folder, origin = hostile_server
    portal = hostile_site["portal"].absolute_url()
    api = portal.replace("/plone", "/plone/++api++")
    plan_api = hostile_site["plan"].absolute_url().replace(portal, api)
    chapter_api = hostile_site["chapter"].absolute_url().replace(portal, api)
    assert origin.split(":")[:2] == portal.split(":")[:2]  # same site
    moderation = {
        "items": [hostile_site["pledge"].absolute_url()],
        "transition": "publish",
        "reason": None,
    }
    # A text/plain form sends "name=value": a name that is JSON up to a
    # last field whose value closes it makes the body valid JSON.
    field = json.dumps(moderation)[:-1] + ', "x": "'
    comment = {
        "text": "Forged.",
        "first_name": "Eve",
        "last_name": "Forger",
        "organization_type": "citizen",
        "author_email": "eve@example.org",
        "privacy_consent": True,
    }
    (folder / "index.html").write_text(
        PAGE.format(
            moderation=f"{plan_api}/@moderation",
            comments=f"{chapter_api}/@comments",
            workflow=f"{plan_api}/@workflow/retract",
            field=field.replace("'", "&#39;"),
            body=json.dumps(moderation),
            comment=json.dumps(comment),
        )
    )
    comments_before = len(IConversation(hostile_site["chapter"]))
    context = chromium.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(portal + "/login")
        page.fill("#__ac_name", "moderator")
        page.fill("#__ac_password", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        cookies = {c["name"]: c for c in context.cookies(portal)}
        assert "__ac" in cookies

        page.goto(origin + "/index.html")
        page.evaluate("attack()")
        page.wait_for_function("document.title.startsWith('fetched')")
        assert "error" not in page.title()  # every request went out

        # The form, as a top-level navigation: its answer is on screen. It
        # is our refusal of a cookie-authenticated request (without the
        # cookie it would be 401), so the cookie did reach the site.
        with page.expect_navigation():
            page.evaluate("document.getElementById('forged').submit()")
        answer = page.content()
        assert "another site" in answer, answer[:500]
    finally:
        context.close()

    assert state(hostile_site["pledge"]) == "pending"
    assert state(hostile_site["plan"]) == "published"
    transaction.abort()
    assert len(IConversation(hostile_site["chapter"])) == comments_before
