"""Role fixtures shared by every test: marketer, rep, manager, outsider (no group), admin."""

import os
import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from personas.roles import MANAGERS, MARKETING, SALES
from tests.measure import zero_png


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


def create_assets_in_bulk(
    owner: User,
    count: int,
    *,
    personas=(),
    stages=(),
    title: str = "Asset",
    start: int = 0,
    days_old: int = 0,
) -> list:
    """`count` published assets written in bulk, each with a stored version 1 as its current
    version and mapped to `personas` and `stages`. Newest first by number, and the higher the
    number the more downloaded. For tests of pages over many assets; the files do not exist."""
    from collateral.models import Asset, AssetVersion

    out = timezone.now() - timedelta(days=days_old)
    assets = Asset.objects.bulk_create(
        Asset(
            title=f"{title} {start + n}",
            asset_type=Asset.Type.DECK,
            owner=owner,
            status=Asset.Status.PUBLISHED,
            created_at=out - timedelta(minutes=n),
            published_at=out - timedelta(minutes=n),
            download_count=n,
        )
        for n in range(count)
    )
    versions = AssetVersion.objects.bulk_create(
        AssetVersion(
            asset=asset,
            number=1,
            file=f"collateral/bulk-{asset.pk}.pdf",
            original_filename="deck.pdf",
            size=1000,
            sha256="0" * 64,
            content_type="application/pdf",
            extension="pdf",
            uploaded_by=owner,
        )
        for asset in assets
    )
    for asset, version in zip(assets, versions, strict=True):
        asset.current_version = version
    Asset.objects.bulk_update(assets, ["current_version"])
    Asset.personas.through.objects.bulk_create(
        Asset.personas.through(asset=asset, persona=persona)
        for asset in assets
        for persona in personas
    )
    Asset.stages.through.objects.bulk_create(
        Asset.stages.through(asset=asset, buyingstage=stage)
        for asset in assets
        for stage in stages
    )
    return assets


@pytest.fixture(scope="session")
def png_39_9_megapixels() -> bytes:
    """The issue's case: an allowed PNG just under the 40-megapixel cap, about 120 KB."""
    return zero_png(7300, 5460)
