"""Managers act, Marketing reads, everyone else gets 403 on every audit URL and export."""

import pytest
from django.urls import reverse

from collateral.audit.urls import urlpatterns
from tests.conftest import main_nav

AUDIT_URLS = [pattern.name for pattern in urlpatterns]
ACTION_URLS = ["audit_bulk", "audit_retire"]
REPORT_URLS = [name for name in AUDIT_URLS if name not in ACTION_URLS]

# The clients are fetched by name, so pytest-django cannot see that these tests use the
# database; the mark makes them run with the other database tests, before transactional ones.
pytestmark = pytest.mark.django_db


def test_every_audit_url_name_starts_with_audit():
    assert AUDIT_URLS
    assert all(name.startswith("audit") for name in AUDIT_URLS)


@pytest.mark.parametrize("name", AUDIT_URLS)
@pytest.mark.parametrize("who", ["rep_client", "outsider_client"])
def test_reps_and_outsiders_get_403_on_every_audit_url(request, who, name):
    client = request.getfixturevalue(who)
    url = reverse(f"collateral:{name}")
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "retire"}).status_code == 403


@pytest.mark.parametrize("name", AUDIT_URLS)
def test_anonymous_visitors_are_sent_to_login(client, db, name):
    response = client.get(reverse(f"collateral:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", REPORT_URLS)
@pytest.mark.parametrize("who", ["manager_client", "marketer_client"])
def test_managers_and_marketers_can_view_every_report_and_export(request, who, name):
    client = request.getfixturevalue(who)
    assert client.get(reverse(f"collateral:{name}")).status_code == 200


def test_superusers_can_view_and_act(admin_user, client):
    client.force_login(admin_user)
    assert client.get(reverse("collateral:audit")).status_code == 200
    response = client.post(reverse("collateral:audit_bulk"), {"action": "retire"})
    assert response.status_code == 302  # nothing selected: back with a message


@pytest.mark.parametrize("name", ACTION_URLS)
def test_marketers_cannot_take_bulk_actions(world, marketer_client, name):
    asset = world.assets["C"]
    response = marketer_client.post(
        reverse(f"collateral:{name}"), {"action": "retire", "assets": [asset.uuid]}
    )
    assert response.status_code == 403
    asset.refresh_from_db()
    assert asset.status == "published"


@pytest.mark.parametrize("name", ACTION_URLS)
def test_bulk_actions_are_post_only(manager_client, name):
    assert manager_client.get(reverse(f"collateral:{name}")).status_code == 405


def test_marketers_see_reports_without_checkboxes_or_bulk_actions(world, marketer_client):
    body = marketer_client.get(reverse("collateral:audit_unused")).content.decode()
    assert world.assets["C"].title in body
    assert 'name="assets"' not in body
    assert "bulk-form" not in body


def test_managers_see_checkboxes_and_bulk_actions(world, manager_client):
    body = manager_client.get(reverse("collateral:audit_unused")).content.decode()
    assert f'value="{world.assets["C"].uuid}"' in body
    assert 'id="bulk-form"' in body


def test_audit_link_is_in_the_navigation_of_everyone_who_may_open_the_audit(
    manager_client, marketer_client, rep_client
):
    link = f'href="{reverse("collateral:audit")}"'
    assert link in main_nav(manager_client)
    assert link not in main_nav(rep_client)
    # Marketers may view the audit, so the header offers it to them too.
    assert link in main_nav(marketer_client)
    assert marketer_client.get(reverse("collateral:audit")).status_code == 200
