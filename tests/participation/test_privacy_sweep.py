"""Privacy sweep: no contributor's e-mail address on any public surface, and
nothing unpublished either; every public count counts published items only.

One consultation (sweep_scenario.py) is built once per test class through the
real routes: REST ``POST @comments`` on the Chapter and the Action, replies,
the Classic comment form on the Plan, ``POST @pledges`` on the Action and the
Plan, by Anonymous, a plain Member and a moderator; then published, left
pending, rejected and marked as spam through ``@moderation`` and
``api.content.transition``. Each contribution has its own markers: an address
``mk<tag><key>@example.org`` (the local part is searched for too) and names,
organisation and text words starting with ``H<tag>`` when hidden and
``P<tag>`` when published, so one prefix query finds every hidden one. The
Member's account address is a marker as well.

Swept over real HTTP, as Anonymous and as the Member; every response is
checked for every address and local part, and for the names and texts of the
pending, rejected, spam and refused contributions:

- pages: Plan, Chapter, Action, the published Pledge, the hidden Pledges'
  URLs, the ``@@pledge`` forms (Action, Plan), the author page of the Member,
  ``folder_contents``, ``@@fc-contextInfo`` and the ``@@getVocabulary``
  catalog JSON behind folder contents (every metadata column requested);
  the pages refused to them: the Plan's review queue ``@@moderation``, stock
  ``@@moderate-comments``, the Pledge's edit form and history, ``@history``;
- the comment and pledge forms after a refused submission: the address typed
  is shown again only in that response, in its own input (nowhere else, to
  nobody else, not on the next page);
- REST: each object (plain, with every expansion the user may ask for,
  ``fullobjects``, ``metadata_fields=_all``), ``@comments`` and
  ``@comments/<id>`` of every comment, ``@pledges`` of the Plan and the
  Action (every ``review_state``), ``@search`` (SearchableText by address,
  local part and hidden words, Creator, ``fullobjects``,
  ``metadata_fields=_all``), ``@querystring-search``, ``@navigation``,
  ``@breadcrumbs``, ``@contextnavigation``, ``@navroot``, ``@moderation``
  (refused), and the 400 answers to refused ``POST @comments`` and
  ``POST @pledges``;
- Classic search: ``@@search``, ``@@ajax-search`` (the JSON of the search
  page and of the live search in Plone 6.2; the older ``livesearch_reply``
  and ``@@updated_search`` no longer exist and answer 404);
- syndication, enabled on the Plan (site settings, author info on):
  ``RSS``, ``rss.xml``, ``atom.xml``, ``itunes.xml``; ``search_rss`` (it
  lists the site root's items, whatever the query); ``sitemap.xml.gz``;
- the catalog itself (in-process): every metadata column and every index
  entry of every object, unrestricted, and ``@search`` with all metadata as a
  Manager: no address even there.

Counts: ``total_comments`` (catalog metadata over ``@search``), the
``items_total`` of ``@comments``, ``@pledges`` and ``@search``, and the
comments and pledges listed on the pages count published items only.
A moderator, by contrast, does see the addresses (``@moderation``,
``@comments``): the check that the allow-lists are not simply empty.

Two stock behaviours this sweep caught are fixed by the add-on: ``@@ajax-search``
answered 500 when a comment matched (search images off in our registry), and
``total_comments`` kept counting a comment rejected by a plain workflow
transition (reindexed on every comment transition, discussion/configure.zcml).
"""

from dataclasses import dataclass
from tests.participation.sweep_scenario import FAILED_COMMENT
from tests.participation.sweep_scenario import FAILED_PLEDGE
from tests.participation.sweep_scenario import FEED_VIEWS
from tests.participation.sweep_scenario import JSON
from tests.participation.sweep_scenario import MEMBER
from tests.participation.sweep_scenario import Scenario
from tests.participation.sweep_scenario import TAG
from tests.participation.sweep_scenario import TIMEOUT
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.contributions.kinds import kinds
from torino.socialplan.consultation.public_view import public_view
from urllib.parse import unquote
from zope import schema

import gzip
import html
import json
import lxml.html
import pytest
import re
import transaction


HTML = {"Accept": "text/html"}
ANY = None  # any status: what matters is what the body holds
REFUSED = (401, 403, 404)
USERS = ("anonymous", "member")


@pytest.fixture(scope="class")
def scenario(functional_portal_class):
    scenario = Scenario(functional_portal_class)
    scenario.build_content()
    scenario.submit_all()
    return scenario


@dataclass
class Fetched:
    url: str
    status: int
    text: str

    def search_text(self):
        """The body as written and with entities and %-escapes undone."""
        text = self.text.lower()
        return f"{text}\n{html.unescape(text)}\n{unquote(text)}"


def fetch(session, method, url, expected=(200,), headers=HTML, **kwargs):
    response = session.request(method, url, headers=headers, timeout=TIMEOUT, **kwargs)
    assert expected is ANY or response.status_code in expected, (
        f"{method} {url}: {response.status_code}"
    )
    text = response.text
    if url.endswith(".gz") and response.status_code == 200:
        text = gzip.decompress(response.content).decode("utf-8")
    return Fetched(response.url, response.status_code, text)


def get(session, url, expected=(200,), **params):
    return fetch(session, "GET", url, expected, params=params)


def get_json(session, url, expected=(200,), **params):
    return fetch(session, "GET", url, expected, headers=JSON, params=params)


def leaks(fetched, markers):
    """(URL, marker) of every marker found in a response."""
    return [
        (item.url, marker)
        for item in fetched
        for marker in markers
        if marker.lower() in item.search_text()
    ]


def missing(fetched, markers):
    everything = "\n".join(item.search_text() for item in fetched)
    return [marker for marker in markers if marker.lower() not in everything]


def rest(scenario, url):
    return url.replace(scenario.portal_url, scenario.api_url, 1)


def published_names(scenario, kind=None, target=None):
    return [c.first_name for c in scenario.published(kind, target)]


def hidden_pledges(scenario):
    return [
        c for c in scenario.items.values() if c.kind == "pledge" and not c.published
    ]


# The surfaces: each returns (what it fetched, markers it must show).


def pages(scenario, session, who):
    pledge = scenario.items["pledgepub"]
    fetched = [get(session, scenario.url(key)) for key in ("plan", "chapter", "action")]
    fetched.append(get(session, pledge.url))
    fetched += [get(session, p.url, ANY) for p in hidden_pledges(scenario)]
    return fetched, published_names(scenario)


def refused_pages(scenario, session, who):
    """Moderators' and editors' pages: the public gets the login form or
    "insufficient privileges", and nothing of the contributions."""
    plan = scenario.url("plan")
    pledge = scenario.items["pledgepub"].url
    urls = [
        f"{plan}/@@moderation",
        f"{plan}/@@moderation?review_state=spam",
        f"{scenario.portal_url}/@@moderate-comments",
        f"{pledge}/edit",
        f"{pledge}/@@historyview",
    ]
    fetched = [get(session, url, ANY) for url in urls]
    # 401 to Anonymous; the Member owns the Pledge it sent and reads its
    # (empty) history.
    fetched.append(get_json(session, f"{rest(scenario, pledge)}/@history", ANY))
    return fetched, []


def pledge_forms(scenario, session, who):
    fetched = [
        get(session, f"{scenario.url(key)}/@@pledge") for key in ("plan", "action")
    ]
    return fetched, ["Formazione"]


def vocabulary_query(path, depth):
    criterion = "plone.app.querystring.operation.string.absolutePath"
    query = {"criteria": [{"i": "path", "o": criterion, "v": f"{path}::{depth}"}]}
    if depth == 1:
        # As the folder contents page asks (comments have no position).
        query["sort_on"] = "getObjPositionInParent"
    return json.dumps(query)


def author_and_folder_contents(scenario, session, who):
    plan_path = "/".join(scenario.plan.getPhysicalPath())
    columns = sorted(scenario.portal.portal_catalog.schema())
    fetched = [
        get(session, f"{scenario.portal_url}/author/{MEMBER[0]}", ANY),
        get(session, f"{scenario.url('plan')}/folder_contents", ANY),
        get(session, f"{scenario.url('plan')}/@@fc-contextInfo", ANY),
    ]
    # The JSON list of folder contents, asking for every metadata column; and
    # the same for everything below the Plan, comments included.
    for depth in (1, -1):
        fetched.append(
            get(
                session,
                f"{scenario.portal_url}/@@getVocabulary",
                name="plone.app.vocabularies.Catalog",
                query=vocabulary_query(plan_path, depth),
                attributes=json.dumps(columns),
                batch=json.dumps({"page": 1, "size": 200}),
            )
        )
    return fetched, published_names(scenario)


def rest_content(scenario, session, who):
    expansions = [
        "actions",
        "breadcrumbs",
        "contextnavigation",
        "inherit",
        "navigation",
        "navroot",
        "site",
        "translations",
        "workflow",
    ]
    if who != "anonymous":
        expansions.append("types")  # 401 for Anonymous
    expand = ",".join(expansions)
    pledge = scenario.items["pledgepub"]
    fetched = []
    for url in [*(scenario.url(key) for key in scenario.objects), pledge.url]:
        url = rest(scenario, url)
        fetched.append(get_json(session, url))
        fetched.append(get_json(session, url, expand=expand))
    plan = rest(scenario, scenario.url("plan"))
    fetched.append(get_json(session, plan, fullobjects="1"))
    fetched.append(get_json(session, plan, metadata_fields="_all"))
    fetched += [
        get_json(session, rest(scenario, p.url), REFUSED)
        for p in hidden_pledges(scenario)
    ]
    return fetched, [pledge.first_name, pledge.resource_kind]


def rest_comments(scenario, session, who):
    fetched = [
        get_json(session, f"{scenario.url(key, rest=True)}/@comments")
        for key in scenario.objects
    ]
    for item in scenario.items.values():
        if item.kind == "comment":
            expected = (200,) if item.published else REFUSED
            fetched.append(get_json(session, rest(scenario, item.url), expected))
    return fetched, published_names(scenario, "comment")


def rest_pledges(scenario, session, who):
    fetched = []
    for key in ("plan", "action"):
        url = f"{scenario.url(key, rest=True)}/@pledges"
        fetched.append(get_json(session, url))
        for state in ("pending", "rejected", "spam", "published"):
            fetched.append(get_json(session, url, review_state=state))
    pledge = scenario.items["pledgepub"]
    return fetched, [pledge.first_name, pledge.text_word, pledge.resource_kind]


def search_queries(scenario):
    """SearchableText queries: every address and local part, one prefix for
    all of them and one for every hidden word."""
    queries = [f"mk{TAG}*", f"H{TAG}*"]
    for item in scenario.all_items():
        queries += [item.email, item.local_part]
    return queries


def results_only(fetched, items):
    """What a search found, without the query it echoes (``@id``, the search
    box): the query is the searcher's own text."""
    return Fetched(fetched.url, fetched.status, json.dumps(items))


def rest_search(scenario, session, who):
    url = f"{scenario.api_url}/@search"
    plan_path = "/".join(scenario.plan.getPhysicalPath())
    fetched = []
    for query in search_queries(scenario):
        found = get_json(session, url, SearchableText=query, metadata_fields="_all")
        body = json.loads(found.text)
        assert body["items_total"] == 0, query
        fetched.append(results_only(found, body["items"]))
    # The same kind of prefix query does find what is published.
    found = get_json(session, url, SearchableText=f"P{TAG}*", metadata_fields="_all")
    assert json.loads(found.text)["items_total"] >= len(scenario.published("comment"))
    fetched.append(found)
    fetched += [
        get_json(session, url, path=plan_path, metadata_fields="_all", b_size="500"),
        get_json(session, url, path=plan_path, fullobjects="1", b_size="500"),
        get_json(session, url, Creator=MEMBER[0], metadata_fields="_all"),
        get_json(session, url, Creator=MEMBER[0], fullobjects="1"),
        get_json(
            session,
            url,
            review_state=["pending", "rejected", "spam"],
            metadata_fields="_all",
        ),
        get_json(
            session,
            url,
            SearchableText=scenario.items["pubaction"].text_word,
            metadata_fields="_all",
            fullobjects="1",
        ),
    ]
    querystring = {
        "query": [
            {
                "i": "path",
                "o": "plone.app.querystring.operation.string.absolutePath",
                "v": plan_path,
            }
        ],
        "metadata_fields": "_all",
        "b_size": 500,
    }
    qs_url = f"{scenario.api_url}/@querystring-search"
    for extra in ({}, {"fullobjects": 1}):
        fetched.append(
            fetch(session, "POST", qs_url, headers=JSON, json={**querystring, **extra})
        )
    pledge = scenario.items["pledgepub"]
    return fetched, [*published_names(scenario), pledge.text_word]


def rest_navigation(scenario, session, who):
    fetched = []
    pledge = scenario.items["pledgepub"]
    for url in (scenario.url("action", rest=True), rest(scenario, pledge.url)):
        fetched += [
            get_json(session, f"{url}/@navigation", **{"expand.navigation.depth": 4}),
            get_json(session, f"{url}/@breadcrumbs"),
            get_json(session, f"{url}/@contextnavigation"),
            get_json(session, f"{url}/@navroot"),
        ]
    # The Pledge's breadcrumb names who pledged: the published one only.
    return fetched, [pledge.first_name]


def rest_refused(scenario, session, who):
    """What the public gets back from @moderation and from refused posts."""
    plan = scenario.url("plan", rest=True)
    guards.reset_rate_limits()
    comment = dict(FAILED_COMMENT.comment_data(), first_name="")
    pledge = dict(FAILED_PLEDGE.pledge_data(), last_name="")
    fetched = [
        get_json(session, f"{plan}/@moderation", REFUSED),
        get_json(session, f"{plan}/@moderation", REFUSED, review_state="spam"),
        fetch(
            session,
            "POST",
            f"{scenario.url('chapter', rest=True)}/@comments",
            (400,),
            headers=JSON,
            json=comment,
        ),
        fetch(
            session,
            "POST",
            f"{scenario.url('action', rest=True)}/@pledges",
            (400,),
            headers=JSON,
            json=pledge,
        ),
    ]
    return fetched, ["first_name", "last_name"]


def search_page_results(fetched):
    [results] = lxml.html.fromstring(fetched.text).xpath("//*[@id='search-results']")
    return results


def classic_search(scenario, session, who):
    portal = scenario.portal_url
    # The search page looks for prefixes: these find every address and hidden
    # word.
    queries = [f"mk{TAG}", f"H{TAG}"] + [
        item.local_part for item in scenario.all_items()
    ]
    fetched = []
    for query in queries:
        page = get(session, f"{portal}/@@search", SearchableText=query)
        results = search_page_results(page)
        assert not results.xpath(".//li"), query
        fetched.append(
            Fetched(page.url, page.status, lxml.html.tostring(results, encoding=str))
        )
        live = get(session, f"{portal}/@@ajax-search", SearchableText=query)
        assert json.loads(live.text)["total"] == 0, query
        fetched.append(live)
    found = scenario.items["classic"].text_word
    page = get(session, f"{portal}/@@search", SearchableText=found)
    assert len(search_page_results(page).xpath(".//li")) == 1
    fetched.append(page)
    # The same kind of prefix query does find what is published.
    page = get(session, f"{portal}/@@search", SearchableText=f"P{TAG}")
    shown = search_page_results(page).xpath(".//li")
    assert len(shown) >= len(scenario.published("comment"))
    fetched.append(page)
    # Plone 6.2 has no livesearch_reply nor @@updated_search: both are the
    # JSON of @@ajax-search now.
    fetched.append(get(session, f"{portal}/livesearch_reply", (404,), q=f"mk{TAG}"))
    fetched.append(
        get(session, f"{portal}/@@updated_search", (404,), SearchableText=f"mk{TAG}")
    )
    return fetched, [found]


def syndication(scenario, session, who):
    plan = scenario.url("plan")
    fetched = [get(session, f"{plan}/{view}") for view in FEED_VIEWS]
    fetched.append(get(session, f"{scenario.portal_url}/search_rss"))
    fetched.append(get(session, f"{scenario.portal_url}/sitemap.xml.gz"))
    pledge = scenario.items["pledgepub"]
    return fetched, [pledge.first_name, pledge.url]


SURFACES = [
    pages,
    refused_pages,
    pledge_forms,
    author_and_folder_contents,
    rest_content,
    rest_comments,
    rest_pledges,
    rest_search,
    rest_navigation,
    rest_refused,
    classic_search,
    syndication,
]


def comment_form_page(text):
    [form] = lxml.html.fromstring(text).xpath("//form[@id='socialplan-comment-form']")
    return form


def authenticator(session, url):
    page = get(session, url)
    match = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text)
    return match.group(1) if match else None


class TestPrivacySweep:
    @pytest.mark.parametrize("who", USERS)
    @pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.__name__)
    def test_no_address_and_nothing_unpublished(self, scenario, surface, who):
        session = scenario.session(who)
        fetched, expected = surface(scenario, session, who)
        assert not leaks(fetched, scenario.private_markers())
        assert not leaks(fetched, scenario.hidden_markers())
        # The surface did show what is public: it was really looked at.
        assert not missing(fetched, expected)

    @pytest.mark.parametrize("who", USERS)
    def test_comment_form_shows_the_address_back_to_its_sender_only(
        self, scenario, who
    ):
        session = scenario.session(who)
        chapter = scenario.url("chapter")
        form = dict(FAILED_COMMENT.comment_data(), first_name="", website_url="")
        form.update({"privacy_consent": "1", "form.submitted": "1"})
        if who == "member":
            form["_authenticator"] = authenticator(session, chapter)
        guards.reset_rate_limits()
        response = session.post(
            f"{chapter}/@@comment-submit", data=form, headers=HTML, timeout=TIMEOUT
        )
        assert response.status_code == 200
        assert not shared_cacheable(response)
        page = comment_form_page(response.text)
        # In the e-mail field, for the person to correct the form, and
        # nowhere else on the page.
        [field] = page.xpath(".//input[@name='author_email']")
        assert field.get("value") == FAILED_COMMENT.email
        assert response.text.count(FAILED_COMMENT.email) == 1
        assert page.xpath(".//*[@id='comment-first_name-error']")
        own = set(FAILED_COMMENT.private_markers) | set(FAILED_COMMENT.content_markers)
        fetched = [Fetched(response.url, response.status_code, response.text)]
        assert not leaks(
            fetched, [m for m in scenario.private_markers() if m not in own]
        )
        assert not leaks(
            fetched, [m for m in scenario.hidden_markers() if m not in own]
        )
        # The next page, to the sender or anybody else, forgets it.
        later = [get(session, chapter), get(scenario.session("anonymous"), chapter)]
        assert not leaks(later, sorted(own))

    @pytest.mark.parametrize("who", USERS)
    def test_pledge_form_shows_the_address_back_to_its_sender_only(self, scenario, who):
        session = scenario.session(who)
        action = scenario.url("action")
        data = FAILED_PLEDGE.pledge_data()
        form = {
            name: data[name]
            for name in ("first_name", "organization", "organization_type", "email")
        }
        form.update(
            {
                "last_name": "",
                "contribution": data["contribution"],
                "actions": scenario.action.UID(),
                "resources.count": "1",
                "resources.0.kind": FAILED_PLEDGE.resource_kind,
                "privacy_consent": "1",
                "website_url": "",
                "form.submitted": "1",
            }
        )
        if who != "anonymous":
            # Members' posts carry the form's token (403 without).
            page = session.get(f"{action}/@@pledge", headers=HTML, timeout=TIMEOUT)
            [token] = lxml.html.fromstring(page.text).xpath(
                "//input[@name='_authenticator']/@value"
            )
            form["_authenticator"] = token
        guards.reset_rate_limits()
        response = session.post(
            f"{action}/@@pledge", data=form, headers=HTML, timeout=TIMEOUT
        )
        assert response.status_code == 200
        assert not shared_cacheable(response)
        [field] = lxml.html.fromstring(response.text).xpath("//input[@name='email']")
        assert field.get("value") == FAILED_PLEDGE.email
        assert response.text.count(FAILED_PLEDGE.email) == 1
        own = set(FAILED_PLEDGE.private_markers) | set(FAILED_PLEDGE.content_markers)
        fetched = [Fetched(response.url, response.status_code, response.text)]
        assert not leaks(
            fetched, [m for m in scenario.private_markers() if m not in own]
        )
        assert not leaks(
            fetched, [m for m in scenario.hidden_markers() if m not in own]
        )
        later = [
            get(session, f"{action}/@@pledge"),
            get(scenario.session("anonymous"), f"{action}/@@pledge"),
        ]
        assert not leaks(later, sorted(own))
        transaction.begin()
        assert not [
            p
            for p in scenario.plan.objectValues()
            if getattr(p, "email", None) == FAILED_PLEDGE.email
        ]

    def test_ajax_search_lists_published_comments(self, scenario):
        word = scenario.items["pubaction"].text_word
        response = scenario.session("anonymous").get(
            f"{scenario.portal_url}/@@ajax-search",
            params={"SearchableText": word},
            timeout=TIMEOUT,
        )
        assert response.status_code == 200
        assert response.json()["total"] == 1
        assert not leaks(
            [Fetched(response.url, 200, response.text)], scenario.private_markers()
        )


class TestCatalog:
    def test_no_address_in_any_metadata_or_index(self, scenario):
        """Unrestricted: not even Managers find an address in the catalog."""
        catalog = scenario.portal.portal_catalog
        transaction.begin()
        # An empty query finds nothing: every path is below the site's.
        site = "/".join(scenario.portal.getPhysicalPath())
        brains = catalog.unrestrictedSearchResults(path=site)
        assert len(brains) > len(scenario.items)
        columns = catalog.schema()
        markers = [m.lower() for m in scenario.private_markers()]
        found = []
        seen = []
        for brain in brains:
            # Metadata and index data, both: a name can be in one only (a
            # pending contribution's words are not in the text indexes).
            values = [(name, getattr(brain, name, None)) for name in columns]
            values += list(catalog.getIndexDataForRID(brain.getRID()).items())
            for name, value in values:
                text = repr(value).lower()
                seen.append(text)
                found += [(brain.getPath(), name, m) for m in markers if m in text]
        assert not found
        # Every contribution is in the catalog, under its names.
        seen = "\n".join(seen)
        assert not [
            item.key
            for item in scenario.items.values()
            if item.first_name.lower() not in seen
        ]

    def test_manager_search_metadata_holds_no_address(self, scenario):
        manager = scenario.session("manager")
        fetched = [
            get_json(
                manager,
                f"{scenario.api_url}/@search",
                metadata_fields="_all",
                b_size="500",
            )
        ]
        assert not leaks(fetched, scenario.private_markers())
        # Managers see the hidden ones too: all of them were looked at.
        assert not missing(fetched, [c.first_name for c in scenario.items.values()])


def published_comments(scenario, target):
    return len(scenario.published("comment", target))


class TestCounts:
    @pytest.mark.parametrize("who", USERS)
    @pytest.mark.parametrize(
        "target",
        [
            "plan",
            "chapter",
            "action",
        ],
    )
    def test_total_comments_metadata(self, scenario, who, target):
        response = get_json(
            scenario.session(who),
            f"{scenario.api_url}/@search",
            UID=scenario.objects[target].UID(),
            metadata_fields="total_comments",
        )
        [item] = json.loads(response.text)["items"]
        assert item["total_comments"] == published_comments(scenario, target)

    @pytest.mark.parametrize("who", USERS)
    @pytest.mark.parametrize("target", ["plan", "chapter", "action"])
    def test_comments_listed(self, scenario, who, target):
        session = scenario.session(who)
        listing = get_json(session, f"{scenario.url(target, rest=True)}/@comments")
        assert json.loads(listing.text)["items_total"] == published_comments(
            scenario, target
        )
        page = lxml.html.fromstring(get(session, scenario.url(target)).text)
        shown = page.xpath("//li[contains(@class, 'socialplan-comment')]")
        assert len(shown) == published_comments(scenario, target)

    @pytest.mark.parametrize("who", USERS)
    def test_pledges_listed(self, scenario, who):
        session = scenario.session(who)
        published = len(scenario.published("pledge"))
        for target in ("plan", "action"):
            url = f"{scenario.url(target, rest=True)}/@pledges"
            for params in ({}, {"review_state": "pending"}):
                body = json.loads(get_json(session, url, **params).text)
                assert body["items_total"] == (0 if params else published)
        page = lxml.html.fromstring(get(session, scenario.url("action")).text)
        shown = page.xpath("//li[contains(@class, 'socialplan-pledge-item')]")
        assert len(shown) == published

    @pytest.mark.parametrize("who", USERS)
    def test_search_totals(self, scenario, who):
        session = scenario.session(who)
        for portal_type, kind in (("Discussion Item", "comment"), ("Pledge", "pledge")):
            body = json.loads(
                get_json(
                    session, f"{scenario.api_url}/@search", portal_type=portal_type
                ).text
            )
            assert body["items_total"] == len(scenario.published(kind))


class TestModerators:
    def test_moderators_see_the_addresses(self, scenario):
        moderator = scenario.session("moderator")
        plan = scenario.url("plan", rest=True)
        queue = json.loads(
            get_json(moderator, f"{plan}/@moderation", review_state="pending").text
        )
        emails = {item["email"] for item in queue["items"]}
        pending = {c.email for c in scenario.items.values() if c.state == "pending"}
        assert emails == pending
        comments = json.loads(
            get_json(moderator, f"{scenario.url('action', rest=True)}/@comments").text
        )
        by_id = {item["comment_id"]: item for item in comments["items"]}
        item = scenario.items["pendaction"]
        assert by_id[item.comment_id]["author_email"] == item.email
        assert by_id[item.comment_id]["review_state"] == "pending"


def shared_cacheable(response):
    """Whether a shared cache (Varnish) may keep the response: what
    plone.app.caching sends for that says s-maxage, not "public"."""
    control = response.headers.get("Cache-Control", "").lower()
    return "public" in control or "s-maxage" in control


# A field added to a contribution kind stays private until its allow-list
# names it (consultation/public_view.py).
#
#
# Every kind gets a new schema field, as a developer would add one, and every
# contribution of the privacy sweep's consultation stores a value for it: a
# marker. Then every route is read, as Anonymous, as a Member, and as a
# moderator and a Manager where only staff go (moderation queue, exports,
# report, outcomes): the marker is on none of them. The same routes still show
# the public fields (the sweep's own check), so they were really looked at.

FIELD = "internal_note"
MARKER = "INTERNALNOTE7Q4"


@pytest.fixture(scope="class")
def with_private_field(scenario):
    """Each kind's schema extended by a field nobody tagged public, and a
    value for it stored on every contribution."""
    saved = {}
    for kind in kinds():
        saved[kind.name] = kind.schema

        class IExtended(kind.schema):
            internal_note = schema.TextLine(title="Internal note", required=False)

        kind.schema = IExtended
    for item in scenario.items.values():
        if item.url or item.comment_id:
            setattr(scenario.obj(item), FIELD, f"{MARKER} {item.key}")
    transaction.commit()
    yield scenario
    for kind in kinds():
        kind.schema = saved[kind.name]


def staff_routes(scenario, session):
    plan = scenario.url("plan")
    api_plan = scenario.url("plan", rest=True)
    fetched = [
        get(session, f"{plan}/@@moderation"),
        get(session, f"{plan}/@@outcomes"),
        get(session, f"{plan}/@@consultation-report"),
        get(session, f"{plan}/@@consultation-results"),
        get(session, f"{plan}/@@consultation-export", format="csv"),
        get(session, f"{plan}/@@consultation-export", format="json"),
        get_json(session, f"{api_plan}/@moderation", review_state="pending"),
        get_json(session, f"{api_plan}/@moderation", review_state="published"),
        get_json(session, f"{api_plan}/@outcomes"),
        get_json(session, f"{api_plan}/@pledges"),
        get_json(session, f"{api_plan}/@consultation"),
    ]
    for target in ("plan", "chapter", "action"):
        fetched.append(
            get_json(session, f"{rest(scenario, scenario.url(target))}/@comments")
        )
    for item in scenario.items.values():
        if item.kind == "pledge" and item.url:
            fetched.append(
                fetch(
                    session,
                    "GET",
                    rest(scenario, item.url),
                    headers={"Accept": "application/json"},
                )
            )
    return fetched


class TestPrivateFieldOnNoRoute:
    def test_the_field_is_stored(self, with_private_field):
        stored = [
            getattr(with_private_field.obj(item), FIELD, None)
            for item in with_private_field.items.values()
            if item.url or item.comment_id
        ]
        assert stored and all(value.startswith(MARKER) for value in stored)

    def test_not_in_the_public_view(self, with_private_field):
        for item in with_private_field.items.values():
            if item.url or item.comment_id:
                view = public_view(with_private_field.obj(item))
                assert FIELD not in view
                assert MARKER not in repr(view)

    @pytest.mark.parametrize("who", USERS)
    @pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.__name__)
    def test_on_no_public_route(self, with_private_field, surface, who):
        session = with_private_field.session(who)
        fetched, _expected = surface(with_private_field, session, who)
        assert not leaks(fetched, [MARKER])

    @pytest.mark.parametrize("who", ("moderator", "manager"))
    def test_on_no_staff_route(self, with_private_field, who):
        session = with_private_field.session(who)
        fetched = staff_routes(with_private_field, session)
        assert all(item.status == 200 for item in fetched), [
            (item.url, item.status) for item in fetched if item.status != 200
        ]
        # The staff routes did show contributions, names included.
        names = [c.first_name for c in with_private_field.published()]
        assert any(
            name.lower() in item.search_text() for item in fetched for name in names
        )
        assert not leaks(fetched, [MARKER])
