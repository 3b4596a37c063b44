"""The largest position paper is a setting: Site Setup → Consultation
settings changes it, and the contribution path refuses a larger paper with
the size in its message."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.position_papers.samples import pdf_bytes
from tests.support.contributions import VALID
from tests.support.plans import open_plan
from torino.socialplan.consultation import guards
from torino.socialplan.consultation.position_papers.attachment import MAX_MB_RECORD

import base64
import re
import transaction


def test_the_control_panel_sets_the_limit(functional_portal, request_factory):
    portal = functional_portal
    open_plan(portal)
    assert portal.portal_registry[MAX_MB_RECORD] == 10
    transaction.commit()
    owner = request_factory(
        api=False, basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    )
    page = owner.get("/@@consultation-controlpanel").text
    assert "Largest position paper (MB)" in page
    assert "Hours to confirm a contribution" in page
    [token] = set(re.findall(r'name="_authenticator"[^>]*value="([^"]+)"', page))
    form = {
        "_authenticator": token,
        "form.widgets.require_email_confirmation-empty-marker": "1",
        "form.widgets.confirmation_hours": "48",
        "form.widgets.position_paper_max_mb": "1",
        "form.buttons.save": "Save",
    }
    response = owner.post("/@@consultation-controlpanel", data=form)
    assert response.status_code == 200
    assert "Changes saved" in response.text
    again = owner.get("/@@consultation-controlpanel").text
    [field] = re.findall(r"<input[^>]*widgets.position_paper_max_mb[^>]*>", again)
    assert 'value="1"' in field

    guards.reset_rate_limits()
    large = pdf_bytes(text="Posizione " + "parola " * 250_000)
    assert len(large) > 1024 * 1024
    body = dict(
        VALID,
        position_paper={"data": base64.b64encode(large).decode(), "encoding": "base64"},
    )
    response = request_factory().post(
        "/plan/lavoro/@comments", json=body, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400, response.text
    assert "larger than 1 MB" in response.text
