"""Login throttling (#14.1): a username is locked after repeated failures, on both login pages.

The failure limit and lockout come from settings (LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES;
defaults 5 and 15); the tests use the defaults.
"""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def sign_in(client: Client, username: str, password: str, url: str = LOGIN):
    return client.post(url, {"username": username, "password": password, "next": "/"})


def fail(client: Client, username: str, times: int, url: str = LOGIN):
    return [sign_in(client, username, "wrong", url) for _ in range(times)][-1]


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_defaults_are_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]


def test_limit_and_lockout_are_read_from_the_environment():
    env = {**os.environ, "LOGIN_FAILURE_LIMIT": "7", "LOGIN_LOCKOUT_MINUTES": "40"}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["7", "2400"]


def test_four_failures_still_let_the_right_password_in(rep):
    client = Client()
    assert fail(client, "rep", 4).status_code == 200
    response = sign_in(client, "rep", "pw")
    assert response.status_code == 302
    assert signed_in(client)


def test_the_fifth_failure_locks_the_username_with_a_message_saying_when(rep):
    client = Client()
    response = fail(client, "rep", 5)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed sign-ins" in body
    assert "You can try again at" in body
    assert "(in 15 minutes)" in body
    # Our login page, not a bare text answer.
    assert 'class="card login-card"' in body
    assert 'name="username"' in body


def test_the_right_password_is_refused_while_locked(rep):
    client = Client()
    fail(client, "rep", 5)
    response = sign_in(client, "rep", "pw")
    assert response.status_code == 429
    assert not signed_in(client)
    assert "Too many failed sign-ins" in response.content.decode()


def test_sixty_wrong_passwords_then_the_right_one_is_refused(rep):
    client = Client()
    fail(client, "rep", 60)
    assert sign_in(client, "rep", "pw").status_code == 429
    assert not signed_in(client)


def test_a_locked_username_does_not_lock_other_people_on_the_same_address(rep, manager):
    attacker = Client()
    fail(attacker, "rep", 30)
    # Same REMOTE_ADDR (the test client's 127.0.0.1), even the same client.
    assert sign_in(attacker, "manager", "pw").status_code == 302
    colleague = Client()
    assert sign_in(colleague, "manager", "pw").status_code == 302
    assert signed_in(colleague)


def test_the_lock_ends_by_itself_after_the_lockout_time(rep):
    client = Client()
    fail(client, "rep", 5)
    AccessAttempt.objects.filter(username="rep").update(
        attempt_time=AccessAttempt.objects.get(username="rep").attempt_time
        - timedelta(minutes=15, seconds=1)
    )
    assert sign_in(client, "rep", "pw").status_code == 302
    assert signed_in(client)


def test_failures_while_locked_do_not_move_the_time_to_try_again(rep):
    client = Client()
    fail(client, "rep", 5)
    first = AccessAttempt.objects.get(username="rep").attempt_time
    fail(client, "rep", 3)
    assert AccessAttempt.objects.get(username="rep").attempt_time == first


def test_an_administrator_unlocks_a_username_in_the_admin(rep, admin_user):
    fail(Client(), "rep", 5)
    attempt = AccessAttempt.objects.get(username="rep")
    admin = client_for(admin_user)
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "rep" in changelist.content.decode()
    response = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    client = Client()
    assert sign_in(client, "rep", "pw").status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_resets_the_count(rep):
    client = Client()
    fail(client, "rep", 4)
    assert sign_in(client, "rep", "pw").status_code == 302
    assert not AccessAttempt.objects.filter(username="rep").exists()
    client.post(reverse("logout"))
    fail(client, "rep", 4)
    assert sign_in(client, "rep", "pw").status_code == 302
    assert signed_in(client)


def test_the_admin_login_is_throttled_too_superuser_included(admin_user):
    client = Client()
    fail(client, "admin", 5, ADMIN_LOGIN)
    response = sign_in(client, "admin", "pw", ADMIN_LOGIN)
    assert response.status_code == 429
    assert not signed_in(client)
    assert "Too many failed sign-ins" in response.content.decode()


def test_failures_on_either_page_add_up(rep):
    client = Client()
    fail(client, "rep", 3, ADMIN_LOGIN)
    fail(client, "rep", 2, LOGIN)
    assert sign_in(client, "rep", "pw").status_code == 429


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_no_password_is_stored_with_the_attempt(rep, url):
    fail(Client(), "rep", 2, url)
    attempt = AccessAttempt.objects.get(username="rep")
    assert "wrong" not in attempt.post_data
