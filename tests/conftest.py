"""Role fixtures shared by every test: marketer, rep, manager, outsider (no group), admin."""

import os
import threading

import pytest
from django.contrib.auth.models import Group, User
from django.core.servers.basehttp import ThreadedWSGIServer
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


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server for an in-memory SQLite database: requests take turns.

    Every request thread then shares the test's single SQLite connection, and a browser asks
    for a page's images in parallel; two threads in one connection fail with "bad parameter
    or other API misuse" or see half-finished transactions. Connections are still threaded
    (keep-alive works); only the application call is serialised. The test's own queries must
    still wait until the page has loaded, which the browser journeys do.
    """

    def set_app(self, application) -> None:
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, with requests taking turns on in-memory SQLite."""
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    if server.thread.connections_override:
        server.thread.server_class = OneRequestAtATimeServer
    server.start()
    yield server
    server.stop()


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
