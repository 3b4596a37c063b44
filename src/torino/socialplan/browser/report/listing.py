"""The report's list: filters, then the contributions grouped by chapter and
action, batched."""

from plone.batching import Batch
from torino.socialplan import _
from torino.socialplan.base.states import COMMENT
from torino.socialplan.base.states import CONTRIBUTION_STATES
from torino.socialplan.base.states import PLEDGE
from torino.socialplan.base.states import STATE_TITLES
from torino.socialplan.browser.report.terms import _tokens
from torino.socialplan.browser.report.terms import KIND_FILTERS
from torino.socialplan.browser.report.terms import KIND_TITLES
from torino.socialplan.browser.report.terms import PAGE_SIZE
from torino.socialplan.browser.report.terms import PLAN_FILTER
from torino.socialplan.browser.report.terms import SEARCH_MAX_LENGTH
from torino.socialplan.consultation import statistics
from torino.socialplan.consultation.statistics import NO_OUTCOME
from torino.socialplan.vocabularies import ORGANIZATION_TYPES_VOCABULARY
from torino.socialplan.vocabularies import OUTCOMES_VOCABULARY
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


class ListingMixin:
    def filters(self):
        if getattr(self, "_filters", None) is not None:
            return self._filters
        form = self.request.form

        def one_of(name, allowed):
            value = form.get(name)
            return value if isinstance(value, str) and value in allowed else ""

        search = form.get("q")
        search = search.strip()[:SEARCH_MAX_LENGTH] if isinstance(search, str) else ""
        self._filters = {
            "kind": one_of("kind", dict(KIND_FILTERS)),
            "review_state": one_of(
                "review_state", CONTRIBUTION_STATES if self.moderator else ()
            ),
            "organization_type": one_of(
                "organization_type",
                _tokens(ORGANIZATION_TYPES_VOCABULARY, self.context),
            ),
            "chapter": one_of(
                "chapter",
                [PLAN_FILTER, *(c.uid for c in self.outline.chapters)],
            ),
            "outcome": one_of(
                "outcome", [*_tokens(OUTCOMES_VOCABULARY, self.context), NO_OUTCOME]
            ),
            "q": search,
        }
        return self._filters

    def filter_options(self):
        current = self.filters()

        def options(name, pairs):
            return [
                {
                    "value": value,
                    "title": self.translate(title) if title else value,
                    "selected": current[name] == value,
                }
                for value, title in pairs
            ]

        vocabulary = getUtility(IVocabularyFactory, name=ORGANIZATION_TYPES_VOCABULARY)(
            self.context
        )
        outcomes = getUtility(IVocabularyFactory, name=OUTCOMES_VOCABULARY)(
            self.context
        )
        return {
            "kind": options("kind", KIND_FILTERS),
            "review_state": options("review_state", STATE_TITLES.items())
            if self.moderator
            else [],
            "organization_type": options(
                "organization_type", [(t.token, t.title) for t in vocabulary]
            ),
            "chapter": options(
                "chapter",
                [(PLAN_FILTER, _("The Plan as a whole"))]
                + [(c.uid, c.title) for c in self.outline.chapters],
            ),
            "outcome": options(
                "outcome",
                [(t.token, t.title) for t in outcomes]
                + [(NO_OUTCOME, _("No outcome yet"))],
            ),
        }

    def filtered(self):
        f = self.filters()
        tests = [lambda e: e.matches]
        if f["review_state"]:
            tests.append(lambda e: e.state == f["review_state"])
        if f["kind"] == "comment":
            tests.append(lambda e: e.kind == COMMENT)
        elif f["kind"]:
            tests.append(lambda e: (e.comment_kind or PLEDGE) == f["kind"])
        if f["organization_type"]:
            tests.append(lambda e: e.organization_type == f["organization_type"])
        if f["outcome"]:
            tests.append(lambda e: (e.outcome or NO_OUTCOME) == f["outcome"])
        if f["chapter"] == PLAN_FILTER:
            tests.append(lambda e: self.group_of(e)[0] is None)
        elif f["chapter"]:
            path = next(c.path for c in self.outline.chapters if c.uid == f["chapter"])
            tests.append(lambda e: self.in_chapter(e, path))
        return [e for e in self.entries if all(test(e) for test in tests)]

    def in_chapter(self, entry, chapter_path):
        if entry.kind == PLEDGE:
            return any(
                self.outline.nodes[a].chapter == chapter_path for a in entry.actions
            )
        chapter = self.outline.chapter_of(entry.content)
        return chapter is not None and chapter.path == chapter_path

    # The list, grouped by chapter and action

    def group_of(self, entry):
        """(chapter node or None, action node or None) where ``entry`` is
        listed: a Pledge under the first Action it names."""
        nodes = self.outline.nodes
        if entry.kind == PLEDGE:
            if not entry.actions:
                return (None, None)
            action = nodes[entry.actions[0]]
            return (nodes[action.chapter], action)
        node = nodes[entry.content]
        if node.kind == "chapter":
            return (node, None)
        if node.kind == "action":
            return (nodes[node.chapter], node)
        return (None, None)

    def ordered(self, found):
        order = {self.outline.plan.path: 0}
        for chapter in self.outline.chapters:
            order[chapter.path] = len(order)
            for action in self.outline.actions[chapter.path]:
                order[action.path] = len(order)

        def key(entry):
            chapter, action = self.group_of(entry)
            place = action or chapter
            return (order[place.path] if place else 0, entry.created)

        return sorted(found, key=key)

    def batch(self):
        try:
            b_start = max(int(self.request.form.get("b_start", 0)), 0)
        except (TypeError, ValueError):
            b_start = 0
        return Batch(self.ordered(self.filtered()), PAGE_SIZE, b_start)

    def sections(self, batch):
        """The page's contributions in sections: a new section when the
        chapter or action changes; ``new_chapter`` when the chapter does."""
        names = statistics.parent_names(self.entries)
        sections, previous = [], object()
        for entry in batch:
            group = self.group_of(entry)
            if group != previous:
                chapter, action = group
                sections.append(
                    {
                        "new_chapter": not sections
                        or sections[-1]["chapter"] is not chapter,
                        "chapter": chapter,
                        "chapter_title": chapter.title
                        if chapter
                        else self.plan_label(),
                        "chapter_url": (chapter or self.outline.plan).url,
                        "action": action,
                        "action_title": self.action_label(action) if action else None,
                        "contributions": [],
                    }
                )
                previous = group
            sections[-1]["contributions"].append(self.item(entry, names))
        return sections

    def chapters(self, sections):
        """The page's sections grouped by chapter: one collapsible block
        each, listed in the page's table of contents."""
        chapters = []
        for section in sections:
            if section["new_chapter"]:
                chapters.append(
                    {
                        "id": f"socialplan-report-chapter-{len(chapters) + 1}",
                        "title": section["chapter_title"],
                        "url": section["chapter_url"],
                        "count": 0,
                        "sections": [],
                    }
                )
            chapters[-1]["sections"].append(section)
            chapters[-1]["count"] += len(section["contributions"])
        return chapters

    def item(self, entry, names):
        details = statistics.contribution_details(entry, with_email=self.show_email)
        kind = entry.comment_kind or PLEDGE
        name = " ".join(filter(None, (details["first_name"], details["last_name"])))
        anchor = details["anchor"] if entry.kind == COMMENT else None
        node = self.outline.nodes.get(entry.content)
        reply_to = None
        if details["in_reply_to"]:
            reply_to = names.get((entry.content, details["in_reply_to"])) or ""
        return {
            "id": f"contribution-{entry.kind}-{entry.brain.getRID()}",
            "url": entry.url,
            "kind": kind,
            "kind_title": self.translate(KIND_TITLES[kind]),
            "name": name or details["author_name"],
            "organization": details["organization"],
            "organization_type": self.term(
                ORGANIZATION_TYPES_VOCABULARY, details["organization_type"]
            ),
            "created": {
                "iso": entry.created.replace(microsecond=0).isoformat(),
                "label": self.format_datetime(entry.created),
            },
            "state": entry.state,
            "state_title": self.translate(STATE_TITLES.get(entry.state, entry.state)),
            "email": details["email"],
            "on": (
                {"title": self.node_label(node), "url": node.url}
                if entry.kind == COMMENT and node is not None
                else None
            ),
            "reply_to": reply_to,
            "actions": [
                {
                    "title": self.action_label(self.outline.nodes[path]),
                    "url": self.outline.nodes[path].url,
                }
                for path in entry.actions
            ],
            "quote": (
                {
                    "prefix": anchor.get("prefix") or "",
                    "exact": anchor.get("exact") or "",
                    "suffix": anchor.get("suffix") or "",
                    "orphaned": details["orphaned"],
                }
                if anchor and anchor.get("exact")
                else None
            ),
            "text": details["text"],
            "resources": [row for row in details["resources"] or () if row.get("kind")],
            "outcome": (
                self.term(OUTCOMES_VOCABULARY, details["outcome"])
                if details["outcome"]
                else None
            ),
            "outcome_motivation": details["outcome_motivation"],
        }

    def node_label(self, node):
        if node.kind == "plan":
            return self.plan_label()
        if node.kind == "action":
            return self.action_label(node)
        return node.title
