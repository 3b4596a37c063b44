"""The weight of a citizen's first page: a cold load of the home page (the
Plan), a Chapter and an Action in Chromium, at most 500 KB transferred in the
production layout, where Varnish compresses text (scripts/cluster/conf/
varnish.vcl, ``beresp.do_gzip``).

The plain suite has no Varnish in front of its test server: it counts each
resource Chromium loads at its size through that VCL, i.e. gzipped (zlib
level 6, as Varnish) when its Content-Type matches the VCL's own pattern,
read from the VCL file, and as sent otherwise (fonts, images), headers
included as Chromium received them. With SOCIALPLAN_CLUSTER_TESTS=1 the
same load goes through a real Varnish started with that VCL and counts the
bytes on the wire (Chromium's encodedDataLength)."""

from pathlib import Path
from tests.browser.demo import PLAN
from tests.support.browser import phone_context

import gzip
import pytest
import re


pytestmark = pytest.mark.browser

VCL = Path(__file__).parents[2] / "scripts" / "cluster" / "conf" / "varnish.vcl"
BUDGET = 500 * 1000
PAGES = {
    "home": "",
    "chapter": f"{PLAN}/lavoro-e-inclusione-sociale",
    "action": f"{PLAN}/lavoro-e-inclusione-sociale/percorsi-inserimento-lavorativo",
}


def gzipped_types():
    """The Content-Type pattern the VCL compresses (its do_gzip condition)."""
    text = VCL.read_text()
    match = re.search(
        r'beresp\.http\.Content-Type ~ "([^"]+)"\)\s*\{\s*set beresp\.do_gzip = true',
        text,
    )
    assert match, "varnish.vcl compresses no text"
    return re.compile(match.group(1).replace("\\\\", "\\"))


def cold_load(chromium, url):
    """[(url, content type, bytes as Varnish would send them, header bytes)]."""
    compressible = gzipped_types()
    context = phone_context(chromium, locale="it-IT", height=812)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    loaded = []
    for response in responses:
        if response.status in (301, 302, 303, 307, 308):
            continue
        body = response.body()
        kind = response.headers.get("content-type", "")
        if compressible.search(kind) and not response.headers.get("content-encoding"):
            size = len(gzip.compress(body, compresslevel=6))
        else:
            size = len(body)
        headers = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        loaded.append((response.url, kind, size, headers))
    context.close()
    return loaded


@pytest.mark.parametrize("name", PAGES)
def test_a_cold_page_within_the_budget(demo_site, chromium, name):
    url = f"{demo_site.absolute_url()}/{PAGES[name]}".rstrip("/")
    loaded = cold_load(chromium, url)
    total = sum(size + headers for _url, _kind, size, headers in loaded)
    report = "\n".join(
        f"{size + headers:>8} {kind[:24]:<24} {url}"
        for url, kind, size, headers in sorted(loaded, key=lambda r: -r[2])
    )
    print(f"\n{name}: {len(loaded)} requests, {total} bytes\n{report}")
    assert total <= BUDGET, report
    # No JavaScript the page does not use: the phone menu, and inline.js on
    # the pages with comments; no Plone bundle for an anonymous reader.
    scripts = sorted(
        url.rsplit("/", 1)[-1] for url, kind, *_ in loaded if "javascript" in kind
    )
    assert scripts == ["inline.js", "nav.js"], scripts
