"""The facts the privacy notice and the accessibility statement are made of,
in the registry under ``torino.socialplan.legal`` (Site Setup → Personal data
and legal pages, or REST ``@controlpanels/personal-data``).

Fields are optional in the form, so that editors can fill them in a little at
a time; ``missing()`` lists the ones the public pages need. While any is
missing the consultation does not open (consultation/guards.py) and the
editors see the list on the legal pages, on the Plan and in the control
panel.
"""

from plone import api
from plone.supermodel import model
from torino.socialplan import _
from zope import schema
from zope.interface import Invalid

import re


PREFIX = "torino.socialplan.legal"

CONFORMITY = ("compliant", "partially_compliant", "non_compliant")
METHODS = ("self_assessment", "third_party")

_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def an_address(value):
    if value and not _ADDRESS.match(value):
        raise Invalid(_("Give an e-mail address such as name@example.org."))
    return True


def a_web_address(value):
    if value and not value.startswith(("https://", "http://")):
        raise Invalid(_("Give a web address starting with https://."))
    return True


PURPOSES_IT = (
    "Raccogliere e pubblicare i contributi alla consultazione pubblica sulla "
    "bozza del Piano, tenerne conto nella revisione del Piano e rendere conto "
    "degli esiti. L'indirizzo e-mail serve solo a comunicare con chi ha inviato "
    "il contributo (per esempio l'esito della moderazione); l'indirizzo di rete "
    "serve solo a limitare gli invii automatici."
)
PURPOSES_EN = (
    "To collect and publish the contributions to the public consultation on "
    "the draft Plan, to take them into account when revising the Plan and to "
    "report on the outcomes. The e-mail address is used only to write to the "
    "person who sent the contribution (for example about its moderation); the "
    "network address only to limit automated submissions."
)
LEGAL_BASIS_IT = (
    "Il consenso dell'interessato e l'esecuzione di un compito di interesse "
    "pubblico (art. 6, par. 1, lett. a ed e, del Regolamento UE 2016/679)."
)
LEGAL_BASIS_EN = (
    "The consent of the data subject and the performance of a task carried out "
    "in the public interest (art. 6(1)(a) and (e) of Regulation (EU) 2016/679)."
)


class ILegalSettings(model.Schema):
    model.fieldset(
        "controllers",
        label=_("Joint controllers"),
        fields=[
            "chamber_name",
            "chamber_address",
            "chamber_pec",
            "chamber_dpo",
            "city_name",
            "city_address",
            "city_pec",
            "city_dpo",
        ],
    )
    chamber_name = schema.TextLine(
        title=_("First controller: name"),
        default="Camera di commercio di Torino",
        required=False,
    )
    chamber_address = schema.TextLine(
        title=_("First controller: registered address"), required=False
    )
    chamber_pec = schema.TextLine(
        title=_("First controller: certified e-mail (PEC)"),
        required=False,
        constraint=an_address,
    )
    chamber_dpo = schema.TextLine(
        title=_("First controller: data protection officer's e-mail"),
        required=False,
        constraint=an_address,
    )
    city_name = schema.TextLine(
        title=_("Second controller: name"),
        default="Città metropolitana di Torino",
        required=False,
    )
    city_address = schema.TextLine(
        title=_("Second controller: registered address"), required=False
    )
    city_pec = schema.TextLine(
        title=_("Second controller: certified e-mail (PEC)"),
        required=False,
        constraint=an_address,
    )
    city_dpo = schema.TextLine(
        title=_("Second controller: data protection officer's e-mail"),
        required=False,
        constraint=an_address,
    )

    model.fieldset(
        "processing",
        label=_("Purposes and legal basis"),
        fields=["purposes_it", "purposes_en", "legal_basis_it", "legal_basis_en"],
    )
    purposes_it = schema.Text(
        title=_("Purposes (Italian)"), default=PURPOSES_IT, required=False
    )
    purposes_en = schema.Text(
        title=_("Purposes (English)"), default=PURPOSES_EN, required=False
    )
    legal_basis_it = schema.Text(
        title=_("Legal basis (Italian)"), default=LEGAL_BASIS_IT, required=False
    )
    legal_basis_en = schema.Text(
        title=_("Legal basis (English)"), default=LEGAL_BASIS_EN, required=False
    )

    model.fieldset(
        "retention",
        label=_("Retention"),
        fields=[
            "retention_email_days",
            "retention_rejected_days",
            "retention_spam_days",
            "retention_logs_days",
            "erasure_deletes_published",
        ],
    )
    retention_email_days = schema.Int(
        title=_("E-mail addresses: days kept after the consultation closes"),
        description=_(
            "Then e-mail addresses, confirmation tokens and notification "
            "choices are erased from every contribution."
        ),
        required=False,
        min=0,
    )
    retention_rejected_days = schema.Int(
        title=_("Rejected contributions: days kept after the consultation closes"),
        required=False,
        min=0,
    )
    retention_spam_days = schema.Int(
        title=_("Spam: days kept after the consultation closes"),
        required=False,
        min=0,
    )
    retention_logs_days = schema.Int(
        title=_("Logs: days kept after the consultation closes"),
        description=_(
            "Then the moderation audit keeps what was decided and when, "
            "but no longer who decided it or their notes."
        ),
        required=False,
        min=0,
    )
    erasure_deletes_published = schema.Bool(
        title=_("Erasure deletes published contributions"),
        description=_(
            "If not set, a published contribution stays in the public record "
            "when its author asks for erasure: their name and organisation "
            "are replaced and their e-mail address erased."
        ),
        default=False,
        required=False,
    )

    model.fieldset(
        "notice",
        label=_("Version of the notice"),
        fields=["notice_version", "notice_date"],
    )
    notice_version = schema.Int(
        title=_("Version of the privacy notice"),
        description=_(
            "Raise it when the notice changes in substance: new contributions "
            "record the version their authors accepted; past versions stay "
            "readable."
        ),
        default=1,
        min=1,
        required=False,
    )
    notice_date = schema.Date(
        title=_("Date of this version of the notice"), required=False
    )

    model.fieldset(
        "accessibility",
        label=_("Accessibility statement"),
        fields=[
            "a11y_conformity",
            "a11y_evaluation_date",
            "a11y_evaluation_method",
            "a11y_non_accessible_it",
            "a11y_non_accessible_en",
            "a11y_feedback_email",
            "a11y_agid_form_url",
        ],
    )
    a11y_conformity = schema.Choice(
        title=_("Conformity with WCAG 2.1 AA (UNI CEI EN 301549)"),
        values=CONFORMITY,
        required=False,
    )
    a11y_evaluation_date = schema.Date(
        title=_("Date of the evaluation"), required=False
    )
    a11y_evaluation_method = schema.Choice(
        title=_("Method of the evaluation"), values=METHODS, required=False
    )
    a11y_non_accessible_it = schema.Text(
        title=_("Content that is not accessible, and why (Italian)"),
        required=False,
    )
    a11y_non_accessible_en = schema.Text(
        title=_("Content that is not accessible, and why (English)"),
        required=False,
    )
    a11y_feedback_email = schema.TextLine(
        title=_("Feedback contact (e-mail)"),
        required=False,
        constraint=an_address,
    )
    a11y_agid_form_url = schema.TextLine(
        title=_("Link to the statement on AgID's form"),
        description=_("The address form.agid.gov.it gave the published statement."),
        required=False,
        constraint=a_web_address,
    )


# What the privacy notice needs, and what the accessibility statement needs.
NOTICE_REQUIRED = (
    "chamber_name",
    "chamber_address",
    "chamber_pec",
    "chamber_dpo",
    "city_name",
    "city_address",
    "city_pec",
    "city_dpo",
    "purposes_it",
    "purposes_en",
    "legal_basis_it",
    "legal_basis_en",
    "retention_email_days",
    "retention_rejected_days",
    "retention_spam_days",
    "retention_logs_days",
    "notice_version",
    "notice_date",
)
STATEMENT_REQUIRED = (
    "a11y_conformity",
    "a11y_evaluation_date",
    "a11y_evaluation_method",
    "a11y_feedback_email",
    "a11y_agid_form_url",
)
# A partly compliant or non-compliant site says what is not accessible.
NON_ACCESSIBLE = ("a11y_non_accessible_it", "a11y_non_accessible_en")


def get(name):
    return api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)


def values():
    """Every setting, by field name."""
    return {name: get(name) for name in ILegalSettings.names()}


def _empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def missing(names=NOTICE_REQUIRED + STATEMENT_REQUIRED):
    """The fields among ``names`` that are still empty, in the form's order."""
    current = values()
    required = list(names)
    if set(STATEMENT_REQUIRED) & set(names) and current.get("a11y_conformity") in (
        "partially_compliant",
        "non_compliant",
    ):
        required.extend(NON_ACCESSIBLE)
    return [name for name in required if _empty(current.get(name))]


def missing_titles(names=NOTICE_REQUIRED + STATEMENT_REQUIRED):
    """The titles (messages) of the missing fields."""
    return [ILegalSettings[name].title for name in missing(names)]


def complete():
    return not missing()
