"""`make start` as a newcomer runs it: real instance, real site, real browser.

Runs `make start` twice on a throwaway DATA_DIR and a free port: the first run
creates the site (settings given as make variables), the second reuses it
(settings given as environment variables).
"""

from tests.support.instance import free_port
from tests.support.instance import Instance

import pytest
import requests


SITE_ID = "consultazione"
PASSWORD = "s3cret-first"  # noqa: S105 (a throwaway test instance)
DEMO_PLAN = "piano-metropolitano-economia-sociale"

pytestmark = pytest.mark.instance


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Start twice; return what each run printed and the second, still serving."""
    tmp = tmp_path_factory.mktemp("make-start")
    data_dir = tmp / "data"
    port = free_port()
    url = f"http://localhost:{port}/{SITE_ID}"

    first = Instance(
        tmp / "first.log",
        make_args=(
            f"PORT={port}",
            f"SITE_ID={SITE_ID}",
            f"ADMIN_PASSWORD={PASSWORD}",
            f"DATA_DIR={data_dir}",
        ),
    )
    first.wait_until_serving(url)
    first_addon = requests.get(
        f"{url}/@addons/torino.socialplan",
        headers={"Accept": "application/json"},
        auth=("admin", PASSWORD),
        timeout=30,
    )
    first.stop()

    port = free_port()
    url = f"http://localhost:{port}/{SITE_ID}"
    second = Instance(
        tmp / "second.log",
        env={
            "PORT": str(port),
            "SITE_ID": SITE_ID,
            # Only the initial password: the existing user keeps PASSWORD.
            "ADMIN_PASSWORD": "ignored-on-second-run",
            "DATA_DIR": str(data_dir),
        },
    )
    second.wait_until_serving(url)
    yield {
        "first_log": first.log,
        "first_addon": first_addon,
        "second": second,
        "url": url,
        "data_dir": data_dir,
    }
    second.stop()


class TestFirstStart:
    def test_site_created(self, runs):
        assert (
            f"site '{SITE_ID}' created with torino.socialplan installed"
            in (runs["first_log"])
        )

    def test_addon_installed_over_rest(self, runs):
        response = runs["first_addon"]
        assert response.status_code == 200, response.text
        assert response.json()["is_installed"] is True

    def test_data_kept_in_data_dir(self, runs):
        data_dir = runs["data_dir"]
        assert (data_dir / "filestorage" / "Data.fs").is_file()
        assert (data_dir / "blobstorage").is_dir()
        event_log = (data_dir / "log" / "event.log").read_text()
        assert "Ready to handle requests" in event_log
        # create_site.py closed the database cleanly: the index was saved.
        assert "Ignoring index" not in event_log

    def test_demo_added_to_new_site(self, runs):
        line = f"demo content added: the Plan /{SITE_ID}/{DEMO_PLAN}"
        assert line in runs["first_log"]


class TestSecondStart:
    def test_site_reused(self, runs):
        log = runs["second"].log
        assert f"site '{SITE_ID}' exists: reused" in log
        assert "created with" not in log

    def test_admin_keeps_initial_password(self, runs):
        url = f"{runs['url']}/@addons/torino.socialplan"
        headers = {"Accept": "application/json"}
        ok = requests.get(url, headers=headers, auth=("admin", PASSWORD), timeout=30)
        assert ok.status_code == 200
        assert ok.json()["is_installed"] is True
        later = ("admin", "ignored-on-second-run")
        assert (
            requests.get(url, headers=headers, auth=later, timeout=30).status_code
            == 401
        )

    def test_anonymous_gets_no_addon_listing(self, runs):
        response = requests.get(
            f"{runs['url']}/@addons", headers={"Accept": "application/json"}, timeout=30
        )
        assert response.status_code == 401

    def test_demo_plan_public(self, runs):
        response = requests.get(f"{runs['url']}/{DEMO_PLAN}", timeout=30)
        assert response.status_code == 200
        assert "Piano metropolitano dell'economia sociale di Torino" in response.text

    def test_demo_not_created_again(self, runs):
        assert "demo content added" not in runs["second"].log
        counts = {}
        for portal_type in ("Plan", "Institution"):
            response = requests.get(
                f"{runs['url']}/@search",
                params={"portal_type": portal_type},
                headers={"Accept": "application/json"},
                auth=("admin", PASSWORD),
                timeout=30,
            )
            assert response.status_code == 200, response.text
            counts[portal_type] = response.json()["items_total"]
        # The open demo Plan and the approved one.
        assert counts == {"Plan": 2, "Institution": 2}


@pytest.mark.browser
class TestInBrowser:
    @pytest.fixture
    def page(self, chromium):
        context = chromium.new_context(locale="it-IT")
        page = context.new_page()
        yield page
        context.close()

    def test_site_is_styled_with_the_institutional_theme(self, runs, page):
        response = page.goto(runs["url"])
        assert response.status == 200
        stylesheets = page.eval_on_selector_all(
            "link[rel=stylesheet]", "links => links.map(link => link.href)"
        )
        theme_css = [
            href for href in stylesheets if "++theme++torino.socialplan" in href
        ]
        assert theme_css, stylesheets
        # The stylesheet really applies: Bootstrap's variables (the theme is
        # Barceloneta's Bootstrap 5) exist only when the theme's CSS loaded,
        # with Titillium Web shipped in the package.
        font = page.evaluate(
            "getComputedStyle(document.body).getPropertyValue('--bs-body-font-family')"
        )
        assert "Titillium Web" in font, "the theme's CSS did not apply"
        assert page.evaluate("document.fonts.check('16px \"Titillium Web\"')")
        assert page.locator("#socialplan-promoters").is_visible()
        assert page.locator("#portal-logo").count() == 0

    def test_site_speaks_italian(self, runs, page):
        page.goto(runs["url"])
        assert page.evaluate("document.documentElement.lang") == "it"
        assert "Piano metropolitano dell'economia sociale di Torino" in page.title()

    def test_login_form_reachable_by_keyboard(self, runs, page):
        page.goto(f"{runs['url']}/login")
        page.get_by_label("Nome utente").or_(
            page.get_by_label("Login Name")
        ).first.fill("admin")
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        assert page.locator("#portal-personaltools, .personaltools-wrapper").count() > 0
        assert "admin" in page.content()
