"""Role fixtures shared by every test: marketer, rep, manager, outsider (no group), admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from personas.roles import MANAGERS, MARKETING, SALES


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run transactional tests last.

    They end by flushing every table, which also drops the rows data migrations made (role
    groups, buying stages). pytest-django already runs them after plain database tests, but a
    test that fetches its client with `request.getfixturevalue` looks database-free to it and
    would run afterwards, against the flushed tables. The sort is stable.
    """

    def flushes(item: pytest.Item) -> bool:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            return True
        return bool({"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ())))

    items.sort(key=flushes)


def make_user(username: str, *groups: str, **extra) -> User:
    user = User.objects.create_user(
        username=username, password="pw", first_name=username.title(), **extra
    )
    found = list(Group.objects.filter(name__in=groups))
    # Groups come from data migrations; a transactional test without serialized_rollback
    # flushes them, and every later role fixture would then silently lose its role.
    assert len(found) == len(groups), (
        f"role groups missing: {set(groups) - {g.name for g in found}}"
    )
    user.groups.add(*found)
    return user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads under its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def marketer(db) -> User:
    return make_user("marketer", MARKETING)


@pytest.fixture
def rep(db) -> User:
    return make_user("rep", SALES)


@pytest.fixture
def manager(db) -> User:
    return make_user("manager", MANAGERS)


@pytest.fixture
def outsider(db) -> User:
    """Signed in, but in no role group."""
    return make_user("outsider")


@pytest.fixture
def admin_user(db) -> User:
    return make_user("admin", is_superuser=True, is_staff=True)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def main_nav(client: Client) -> str:
    """The header navigation of the home page, as `client` sees it."""
    body = client.get(reverse("home")).content.decode()
    return body[body.index('<nav class="main-nav"') : body.index("</nav>")]


@pytest.fixture
def marketer_client(marketer) -> Client:
    return client_for(marketer)


@pytest.fixture
def rep_client(rep) -> Client:
    return client_for(rep)


@pytest.fixture
def manager_client(manager) -> Client:
    return client_for(manager)


@pytest.fixture
def outsider_client(outsider) -> Client:
    return client_for(outsider)
