"""The add-on as seen over the REST API (plone.restapi's @addons)."""


class TestAddonsEndpoint:
    def test_manager_sees_addon_installed(self, manager_request):
        response = manager_request.get("/@addons/torino.socialplan")
        assert response.status_code == 200
        data = response.json()
        assert data["is_installed"] is True
        assert data["install_profile_id"] == "torino.socialplan:default"
        assert data["upgrade_info"]["available"] is False

    def test_anonymous_cannot_list_addons(self, anon_request):
        response = anon_request.get("/@addons/torino.socialplan")
        assert response.status_code == 401

    def test_comments_endpoint_registered(self, manager_request, functional_portal):
        # plone.restapi only registers @comments when plone.app.discussion is
        # installed: the base the participation features build on.
        response = manager_request.get("/@comments")
        assert response.status_code == 200
        assert response.json()["items"] == []
