"""The privacy notice (GDPR art. 13) and the accessibility statement (AgID's
model), written from the settings (consultation/legal/settings.py)
in Italian or English. A fact not set yet is left out, never replaced by a
placeholder: the pages tell editors what is missing (pages.py)."""

from babel.dates import format_date
from html import escape
from torino.socialplan import _
from zope.i18n import translate

import functools


LANGUAGES = ("it", "en")
# Text between tags: quotes stay as they are (Italian has many apostrophes).
escape_text = functools.partial(escape, quote=False)
CONFORMITY_TITLES = {
    "compliant": _("compliant"),
    "partially_compliant": _("partially compliant"),
    "non_compliant": _("not compliant"),
}
METHOD_TITLES = {
    "self_assessment": _("a self-assessment"),
    "third_party": _("an assessment by a third party"),
}


class _Writer:
    def __init__(self, language):
        self.language = language if language in LANGUAGES else "en"
        self.parts = []

    def t(self, message):
        return translate(message, target_language=self.language)

    def heading(self, message):
        self.parts.append(f"<h2>{escape_text(self.t(message))}</h2>")

    def paragraph(self, message, **mapping):
        safe = {key: escape_text(str(value)) for key, value in mapping.items()}
        text = self._t(message, safe) if safe else escape_text(self.t(message))
        self.parts.append(f"<p>{text}</p>")

    def _t(self, message, safe):
        # The mapping's values are escaped; the message's own text too.
        text = translate(
            _(message, mapping={k: f"\x00{k}\x00" for k in safe}),
            target_language=self.language,
        )
        text = escape_text(text)
        for key, value in safe.items():
            text = text.replace(f"\x00{key}\x00", value)
        return text

    def text(self, value):
        for block in (value or "").strip().split("\n\n"):
            if block.strip():
                self.parts.append(f"<p>{escape_text(block.strip())}</p>")

    def date(self, value):
        return format_date(value, format="long", locale=self.language)

    def html(self):
        return "\n".join(self.parts)


def _localized(values, name, language):
    return values.get(f"{name}_{language}") or values.get(f"{name}_it") or ""


def _controller(writer, values, prefix):
    name = values.get(f"{prefix}_name")
    if not name:
        return
    items = [f"<strong>{escape(name)}</strong>"]
    if values.get(f"{prefix}_address"):
        items.append(escape(values[f"{prefix}_address"]))
    if values.get(f"{prefix}_pec"):
        items.append(
            escape(writer.t(_("Certified e-mail (PEC):")))
            + f' <a href="mailto:{escape(values[prefix + "_pec"])}">'
            f"{escape(values[prefix + '_pec'])}</a>"
        )
    if values.get(f"{prefix}_dpo"):
        items.append(
            escape(writer.t(_("Data protection officer:")))
            + f' <a href="mailto:{escape(values[prefix + "_dpo"])}">'
            f"{escape(values[prefix + '_dpo'])}</a>"
        )
    writer.parts.append("<li>" + "<br />".join(items) + "</li>")


def privacy_notice(values, language, rights_url=None):
    """The notice's HTML in ``language`` from the settings ``values``."""
    w = _Writer(language)
    version, date = values.get("notice_version"), values.get("notice_date")
    if version and date:
        w.paragraph(
            _("Version ${version} of ${date}."), version=version, date=w.date(date)
        )
    w.heading(_("Joint controllers"))
    w.paragraph(
        _(
            "The two promoting bodies of the Plan are joint controllers of the "
            "processing (art. 26 of Regulation (EU) 2016/679)."
        )
    )
    w.parts.append("<ul>")
    _controller(w, values, "chamber")
    _controller(w, values, "city")
    w.parts.append("</ul>")
    w.heading(_("What data we process"))
    w.paragraph(
        _(
            "First name, surname, organisation and type of organisation, e-mail "
            "address, the text of comments and pledges, the date they were sent, "
            "the version of this notice accepted; the network address they come "
            "from, only to limit automated submissions (spam)."
        )
    )
    w.heading(_("For what purposes"))
    w.text(_localized(values, "purposes", w.language))
    w.heading(_("Legal basis"))
    w.text(_localized(values, "legal_basis", w.language))
    w.heading(_("What is published"))
    w.paragraph(
        _(
            "Each contribution approved by the moderators is published with the "
            "first name, surname and organisation of its author. The e-mail "
            "address is never published, and is in no search or public export."
        )
    )
    w.heading(_("For how long"))
    periods = (
        (
            "retention_email_days",
            _(
                "E-mail addresses, confirmation links and notification choices are "
                "erased ${days} days after the consultation closes.",
            ),
        ),
        (
            "retention_rejected_days",
            _(
                "Contributions not published are deleted ${days} days after the "
                "consultation closes.",
            ),
        ),
        (
            "retention_spam_days",
            _(
                "Contributions marked as spam are deleted ${days} days after the "
                "consultation closes.",
            ),
        ),
        (
            "retention_logs_days",
            _(
                "The moderation records keep who decided ${days} days after the "
                "consultation closes; then only what was decided, and when.",
            ),
        ),
    )
    for name, message in periods:
        if values.get(name) is not None:
            w.paragraph(message, days=values[name])
    w.paragraph(
        _(
            "Published contributions stay in the public record of the "
            "consultation, which is kept as the law on public archives requires."
        )
    )
    w.heading(_("Your rights"))
    w.paragraph(
        _(
            "You may ask to see your data, to have them corrected or erased or "
            "their processing restricted, object to the processing and withdraw "
            "your consent (arts. 15-22 of the Regulation), by writing to the data "
            "protection officers above. You may also lodge a complaint with the "
            "Garante per la protezione dei dati personali."
        )
    )
    if rights_url:
        w.paragraph(
            _(
                "Without an account, you can download your data, withdraw your "
                "pending contributions or erase your data from this page: ${link}."
            ),
            link=rights_url,
        )
        url = escape(rights_url)
        w.parts[-1] = w.parts[-1].replace(url, f'<a href="{url}">{url}</a>')
    return w.html()


def accessibility_statement(values, language, site_url):
    """The statement's HTML in ``language`` from the settings ``values``."""
    w = _Writer(language)
    names = w.t(
        _(
            "${first} and ${second}",
            mapping={
                "first": values.get("chamber_name") or "",
                "second": values.get("city_name") or "",
            },
        )
    )
    w.paragraph(
        _(
            "${bodies} commit to making this site accessible, as Law no. 4 of 9 "
            "January 2004 and AgID's guidelines on the accessibility of IT tools "
            "require. This statement covers the site ${site}."
        ),
        bodies=names,
        site=site_url,
    )
    w.heading(_("Compliance status"))
    if values.get("a11y_conformity") in CONFORMITY_TITLES:
        w.paragraph(
            _(
                "This site is ${status} with the requirements of annex A of standard "
                "UNI CEI EN 301549 (WCAG 2.1, level AA)."
            ),
            status=w.t(CONFORMITY_TITLES[values["a11y_conformity"]]),
        )
    non_accessible = _localized(values, "a11y_non_accessible", w.language)
    if non_accessible:
        w.heading(_("Content that is not accessible"))
        w.text(non_accessible)
    w.heading(_("Preparation of this statement"))
    if (
        values.get("a11y_evaluation_date")
        and values.get("a11y_evaluation_method") in METHOD_TITLES
    ):
        w.paragraph(
            _("This statement was prepared on ${date} on the basis of ${method}."),
            date=w.date(values["a11y_evaluation_date"]),
            method=w.t(METHOD_TITLES[values["a11y_evaluation_method"]]),
        )
    w.paragraph(
        _(
            "The pages of the site are checked at every change with the automatic "
            "tool axe-core (WCAG 2.1 A and AA), in Italian and in English, on "
            "computer and telephone screens."
        )
    )
    w.heading(_("Feedback and contact information"))
    if values.get("a11y_feedback_email"):
        address = escape(values["a11y_feedback_email"])
        w.paragraph(
            _(
                "To report an accessibility problem or ask for content in an "
                "accessible format, write to ${address}, naming the page and the "
                "problem. We answer within 30 days."
            ),
            address=values["a11y_feedback_email"],
        )
        w.parts[-1] = w.parts[-1].replace(
            address, f'<a href="mailto:{address}">{address}</a>'
        )
    w.heading(_("Enforcement procedure"))
    w.paragraph(
        _(
            "If the answer does not satisfy you, or none comes within 30 days, you "
            "may report to AgID's Digital Ombudsman (art. 3-quinquies(3) of Law "
            "no. 4/2004)."
        )
    )
    if values.get("a11y_agid_form_url"):
        url = escape(values["a11y_agid_form_url"])
        w.paragraph(
            _("The statement as published on AgID's form: ${link}."),
            link=values["a11y_agid_form_url"],
        )
        w.parts[-1] = w.parts[-1].replace(url, f'<a href="{url}">{url}</a>')
    return w.html()
