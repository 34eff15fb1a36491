"""Concurrent writes to one asset lose nothing: downloads (acceptance 1) and ratings."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from collateral.models import Download
from personas.roles import SALES
from tests.conftest import client_for, make_user

THREADS = 32


needs_real_concurrency = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3",
    reason="The SQLite test database is in memory and shared by every thread through one "
    "connection, so threads would not race; run with DATABASE_URL=postgres://… to test this.",
)


def run_at_once(jobs) -> list[BaseException]:
    """Run each job in its own thread, all released at the same moment; their errors."""
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        try:
            start.wait()
            job()
        except BaseException as error:  # reported by the caller, in the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=[job]) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def hold_first_call_open(monkeypatch, owner, name: str) -> tuple[threading.Event, threading.Event]:
    """Patch `owner.name` so that its first call, once done, waits until released: called
    inside a save's transaction, that save is written but not committed meanwhile. Returns
    (reached, release) events."""
    reached, release = threading.Event(), threading.Event()
    real = getattr(owner, name)

    def first_waits(*args, **kwargs):
        result = real(*args, **kwargs)
        if not reached.is_set():
            reached.set()
            release.wait(timeout=10)
        return result

    monkeypatch.setattr(owner, name, first_waits)
    return reached, release


@needs_real_concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_32_concurrent_downloads_leave_32_rows_and_a_count_of_32(rep, make_asset):
    asset = make_asset()
    session_cookie = client_for(rep).cookies[settings.SESSION_COOKIE_NAME].value
    statuses: list[int] = []

    def download() -> None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
        response = client.get(asset.get_download_url())
        b"".join(response.streaming_content)
        statuses.append(response.status_code)

    assert run_at_once([download] * THREADS) == []
    assert statuses == [200] * THREADS
    assert Download.objects.filter(asset=asset).count() == THREADS
    asset.refresh_from_db()
    assert asset.download_count == THREADS


@needs_real_concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_ratings_of_one_asset_are_all_counted(make_asset):
    asset = make_asset()
    clients = [client_for(make_user(f"rater{n}", SALES)) for n in range(12)]
    url = reverse("collateral:feedback", args=[asset.uuid])

    def rate(client, rating):
        return lambda: statuses.append(client.post(url, {"rating": rating}).status_code)

    statuses: list[int] = []
    errors = run_at_once([rate(client, 1 + n % 5) for n, client in enumerate(clients)])
    assert errors == []
    assert statuses == [302] * len(clients)
    asset.refresh_from_db()
    assert asset.rating_count == 12
    assert asset.rating_average == pytest.approx(sum(1 + n % 5 for n in range(12)) / 12)


@needs_real_concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_submitted_twice_at_once_is_saved_once(rep):
    from collateral.models import ContentRequest

    session_cookie = client_for(rep).cookies[settings.SESSION_COOKIE_NAME].value
    statuses: list[int] = []

    def ask() -> None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
        response = client.post(reverse("collateral:request_new"), {"description": "ROI page"})
        statuses.append(response.status_code)

    assert run_at_once([ask] * 4) == []
    assert statuses == [302] * 4
    assert ContentRequest.objects.filter(requester=rep).count() == 1
