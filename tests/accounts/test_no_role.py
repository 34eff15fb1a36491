"""Deny by default (#14.2): signed in with no role means one page, and nothing counted."""

import pytest
from django.urls import reverse

from collateral.models import Download
from tests.conftest import make_user


@pytest.fixture
def administrators(db):
    make_user("ada", is_superuser=True, email="ada@example.com", last_name="Admin")
    make_user("bob", is_superuser=True, email="")
    make_user("gone", is_superuser=True, is_active=False, email="gone@example.com")


def test_home_says_there_is_no_role_yet_and_who_to_ask(outsider_client, administrators):
    response = outsider_client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your account has no role yet" in body
    assert "Ada Admin" in body
    assert 'href="mailto:ada@example.com"' in body
    assert "Bob" in body
    # Deactivated administrators cannot help.
    assert "gone@example.com" not in body


def test_the_page_offers_no_way_into_content(outsider_client, administrators):
    body = outsider_client.get(reverse("home")).content.decode()
    for url in (
        reverse("personas:list"),
        reverse("messaging:home"),
        reverse("collateral:library"),
    ):
        assert f'href="{url}"' not in body
    assert 'class="main-nav"' not in body
    assert "Search collateral" not in body
    assert reverse("logout") in body


def test_without_any_administrator_the_page_says_to_ask_it(outsider_client):
    body = outsider_client.get(reverse("home")).content.decode()
    assert "Ask your IT team" in body


@pytest.mark.parametrize(
    "url",
    ["/personas/", "/messaging/", "/collateral/", "/collateral/audit/", "/admin/"],
)
def test_every_other_page_is_the_same_page_with_403(outsider_client, url):
    response = outsider_client.get(url)
    assert response.status_code == 403
    assert "Your account has no role yet" in response.content.decode()


def test_a_download_is_refused_and_never_counted(outsider_client, make_asset):
    asset = make_asset("ROI deck")
    response = outsider_client.get(reverse("collateral:download", args=[asset.uuid]))
    assert response.status_code == 403
    assert not response.has_header("Content-Disposition")
    assert Download.objects.count() == 0
    asset.refresh_from_db()
    assert asset.download_count == 0
    assert asset.last_downloaded_at is None


def test_signing_out_still_works(outsider_client):
    response = outsider_client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in outsider_client.session


def test_a_superuser_without_a_group_has_a_role(admin_user):
    from tests.conftest import client_for

    response = client_for(admin_user).get(reverse("personas:list"))
    assert response.status_code == 200
