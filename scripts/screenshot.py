"""Take the README screenshot of a running site with Debian's Chromium.

.venv/bin/python scripts/screenshot.py [URL] [docs/screenshot.png]
"""

from playwright.sync_api import sync_playwright

import sys


URL = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080/Plone"
OUT = sys.argv[2] if len(sys.argv) > 2 else "docs/screenshot.png"

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--disable-gpu", "--no-first-run", "--disable-background-networking"],
    )
    page = browser.new_page(viewport={"width": 1280, "height": 760}, locale="it-IT")
    page.goto(URL)
    page.screenshot(path=OUT)
    browser.close()
print(f"wrote {OUT}")
