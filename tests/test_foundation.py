"""The skeleton: login everywhere, safe redirects, roles, navigation, settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from personas import roles
from tests.conftest import main_nav

BASE_DIR = Path(__file__).resolve().parent.parent

PAGES = ["home", "personas:list", "messaging:home", "collateral:library", "collateral:audit"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitor_is_sent_to_login(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.django_db
def test_anonymous_admin_is_sent_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_login_page_is_public_and_styled(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<label for="id_username">Username</label>' in body
    assert "css/app.css" in body


def test_rep_can_log_in_and_land_on_home(client, rep):
    response = client.post(reverse("login"), {"username": "rep", "password": "pw"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert "Hello, Rep" in home.content.decode()


def test_wrong_password_shows_an_error_and_keeps_the_username(client, rep):
    response = client.post(reverse("login"), {"username": "rep", "password": "nope"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please enter a correct username and password" in body
    assert 'value="rep"' in body


def test_login_follows_a_local_next_url(client, rep):
    target = reverse("collateral:library")
    response = client.post(reverse("login"), {"username": "rep", "password": "pw", "next": target})
    assert response["Location"] == target


@pytest.mark.parametrize(
    "evil",
    ["https://evil.example/", "//evil.example/", "https:/evil.example", "\\\\evil.example"],
)
def test_login_never_redirects_off_site(client, rep, evil):
    response = client.post(reverse("login"), {"username": "rep", "password": "pw", "next": evil})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_logout_needs_post_and_a_typed_address_offers_the_button(rep_client, client):
    page = rep_client.get(reverse("logout"))
    assert page.status_code == 200
    assert "Sign out of OneVoice?" in page.content.decode()
    assert "_auth_user_id" in rep_client.session  # a GET signs nobody out
    response = rep_client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[0] == (reverse("login"), 302)
    assert "You are signed out." in response.content.decode()
    assert rep_client.get(reverse("home")).status_code == 302
    assert "You are signed out" in client.get(reverse("logout")).content.decode()


@pytest.mark.django_db
def test_groups_exist_with_their_permissions_after_migrate():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    marketing, sales, managers = codenames("Marketing"), codenames("Sales"), codenames("Managers")
    assert {"add_persona", "change_persona", "add_asset", "add_positioning"} <= marketing
    assert {"view_persona", "view_asset", "add_feedback", "add_contentrequest"} <= sales
    assert not {"change_persona", "add_asset", "change_asset", "view_audit"} & sales
    assert {"view_audit", "change_asset"} <= managers
    assert "change_persona" not in managers


def test_role_checks_follow_the_groups(marketer, rep, manager, outsider, admin_user):
    assert roles.can_edit(marketer)
    assert not roles.can_audit(marketer)
    assert not roles.can_edit(rep)
    assert not roles.can_view_audit(rep)
    assert roles.can_sign_for_sales(rep)
    assert not roles.can_sign_for_marketing(rep)
    assert roles.can_audit(manager)
    assert roles.can_sign_for_sales(manager)
    assert not roles.can_edit(manager)
    assert not any(
        check(outsider)
        for check in (roles.can_edit, roles.can_audit, roles.can_view_audit, roles.can_retire)
    )
    assert roles.can_edit(admin_user)
    assert roles.can_audit(admin_user)


def test_nav_shows_audit_to_managers_and_marketers(marketer_client, rep_client, manager_client):
    audit_link = f'href="{reverse("collateral:audit")}"'
    assert audit_link in main_nav(manager_client)
    assert audit_link in main_nav(marketer_client)
    assert audit_link not in main_nav(rep_client)


def test_marketers_reach_the_audit_they_may_view_from_home(marketer_client, rep_client):
    audit_link = f'href="{reverse("collateral:audit")}"'
    assert audit_link in marketer_client.get(reverse("home")).content.decode()
    assert audit_link not in rep_client.get(reverse("home")).content.decode()


def test_header_shows_who_is_signed_in_and_their_role(rep_client, manager_client):
    body = rep_client.get(reverse("home")).content.decode()
    assert "Rep" in body
    assert "Sales" in body
    assert "Managers" in manager_client.get(reverse("home")).content.decode()


def test_outsider_is_told_they_have_no_role(outsider_client):
    body = outsider_client.get(reverse("home")).content.decode()
    assert "no role yet" in body


def test_outsiders_header_links_nothing_they_would_be_refused(outsider, outsider_client):
    """Their profile and download history answer 403, so the header only names them."""
    body = outsider_client.get(reverse("home")).content.decode()
    assert reverse("profile") not in body
    assert reverse("collateral:my_downloads") not in body
    assert f'<span class="user-menu__name">{outsider.get_full_name()}</span>' in body


def test_rep_gets_403_on_audit(rep_client):
    assert rep_client.get(reverse("collateral:audit")).status_code == 403


def test_pages_carry_security_headers(rep_client):
    response = rep_client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(rep_client):
    response = rep_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_media_files_have_no_url(rep_client, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "secret.pdf").write_bytes(b"%PDF-1.4")
    assert rep_client.get("/media/secret.pdf").status_code == 404


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off(tmp_path):
    # An empty .env elsewhere must not matter: point at a folder without one via env only.
    result = run_manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


def test_settings_start_in_debug_without_secret_key():
    result = run_manage("check", DEBUG="1", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("loop", ["/accounts/login/", "/accounts/login/?next=/personas/"])
def test_signed_in_user_sent_to_the_login_page_lands_home_not_on_an_error(rep_client, loop):
    response = rep_client.get(reverse("login"), {"next": loop})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_signed_in_user_on_the_login_page_goes_where_they_were_going(rep_client):
    response = rep_client.get(reverse("login"), {"next": "/personas/"})
    assert response["Location"] == "/personas/"
