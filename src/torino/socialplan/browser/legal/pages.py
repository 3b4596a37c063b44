"""The privacy notice and the accessibility statement as the public reads
them: written from the settings in the negotiated language (texts.py). Who
may edit the page, or the settings, also sees what is still missing."""

from plone import api
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from torino.socialplan import _
from torino.socialplan.base.site import on_our_sites
from torino.socialplan.browser.legal import texts
from torino.socialplan.consultation.legal import notice
from torino.socialplan.consultation.legal import settings
from torino.socialplan.http.methods import AllowedMethods


PANEL = "@@personal-data-controlpanel"
RIGHTS_VIEW = "@@my-data"


def language_of(context):
    language = api.portal.get_current_language(context=context) or "it"
    language = language.split("-")[0]
    return language if language in texts.LANGUAGES else "en"


def may_edit_settings(context):
    return api.user.has_permission(
        "Modify portal content", obj=context
    ) or api.user.has_permission("Manage portal", obj=api.portal.get())


def rights_url():
    return f"{api.portal.get().absolute_url()}/{RIGHTS_VIEW}"


def render_notice(values, language):
    return texts.privacy_notice(values, language, rights_url=rights_url())


class LegalPageView(AllowedMethods, BrowserView):
    template = ViewPageTemplateFile("legal_page.pt")
    required = ()
    heading = None

    def __call__(self):
        return self.template()

    def language(self):
        return language_of(self.context)

    def missing(self):
        """The titles of the missing settings, for whoever may set them."""
        if not may_edit_settings(self.context):
            return []
        return settings.missing_titles(self.required)

    def panel_url(self):
        return f"{api.portal.get().absolute_url()}/{PANEL}"

    def notes(self):
        return []

    def versions(self):
        return []


class PrivacyNoticeView(LegalPageView):
    required = settings.NOTICE_REQUIRED
    heading = _("Privacy notice")

    def requested_version(self):
        value = self.request.form.get("version")
        try:
            version = int(value)
        except (TypeError, ValueError):
            return None
        return version if version != notice.current_version() else None

    def body(self):
        version = self.requested_version()
        if version is not None:
            kept = notice.kept_text(version, self.language())
            if kept is not None:
                return kept[0]
        return render_notice(settings.values(), self.language())

    def notes(self):
        version = self.requested_version()
        if version is None:
            return []
        if notice.kept_text(version, self.language()) is None:
            return [
                _(
                    "Version ${version} of the notice is not kept: this is the "
                    "current one.",
                    mapping={"version": version},
                )
            ]
        return [
            _(
                "This is version ${version} of the notice, no longer in force: "
                "version ${current} applies to new contributions.",
                mapping={"version": version, "current": notice.current_version()},
            )
        ]

    def versions(self):
        """Links to the past versions kept."""
        current = notice.current_version()
        url = self.context.absolute_url()
        return [
            {
                "url": f"{url}?version={version}",
                "title": _("Version ${version}", mapping={"version": version}),
            }
            for version, _date in notice.kept_versions()
            if version != current
        ]


class AccessibilityStatementView(LegalPageView):
    required = settings.STATEMENT_REQUIRED
    heading = _("Accessibility statement")

    def missing(self):
        if not may_edit_settings(self.context):
            return []
        return [
            settings.ILegalSettings[name].title
            for name in settings.missing()
            if name in settings.STATEMENT_REQUIRED + settings.NON_ACCESSIBLE
            or name in ("chamber_name", "city_name")
        ]

    def body(self):
        return texts.accessibility_statement(
            settings.values(), self.language(), api.portal.get().absolute_url()
        )


@on_our_sites
def keep_current_notice(event):
    """A setting of ours changed: keep the current version's text, in both
    languages, as the text of that version (read when a newer replaces it)."""
    name = getattr(event.record, "__name__", "") or ""
    if not name.startswith(settings.PREFIX + "."):
        return
    values = settings.values()
    notice.keep_text(
        notice.current_version(),
        values.get("notice_date"),
        {language: render_notice(values, language) for language in texts.LANGUAGES},
    )
