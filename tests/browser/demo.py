"""The demo site's pages that the browser tests visit, in which languages
and at which widths (conftest.py's ``demo_site`` and ``contexts``)."""

from torino.socialplan.demo.reader import read_demo


LANGUAGES = {"it": "it-IT", "en": "en-US"}
WIDTHS = {1280: 900, 375: 812}

PLAN = read_demo().plan["id"]
CHAPTER = f"{PLAN}/lavoro-e-inclusione-sociale"
ACTION = f"{CHAPTER}/percorsi-inserimento-lavorativo"

PUBLIC, STAFF = "public", "staff"
# name: (who, path from the site root)
PAGES = {
    "site-root": (PUBLIC, ""),
    "plan": (PUBLIC, PLAN),
    "chapter": (PUBLIC, CHAPTER),
    "action": (PUBLIC, ACTION),
    "institution": (PUBLIC, "camera-di-commercio-di-torino"),
    "pledge-form": (PUBLIC, f"{ACTION}/@@pledge"),
    "comment-form": (PUBLIC, ACTION),
    "results": (PUBLIC, f"{PLAN}/@@consultation-results"),
    "login": (PUBLIC, "login"),
    "accessibility-statement": (PUBLIC, "dichiarazione-di-accessibilita"),
    "privacy-notice": (PUBLIC, "privacy-notice"),
    "my-data": (PUBLIC, "@@my-data"),
    "report": (STAFF, f"{PLAN}/@@consultation-report"),
    "moderation": (STAFF, f"{PLAN}/@@moderation?review_state=published"),
    "outcomes": (STAFF, f"{PLAN}/@@outcomes"),
}

WIDEST = """(() => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter((e) => !e.closest(".offcanvas"))
  .map((e) => e.tagName + "#" + e.id + "." + e.className).slice(0, 8))()"""
