"""Acceptance 1: concurrent downloads of one asset lose no row and no count."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from collateral.models import Download

THREADS = 32


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3",
    reason="The SQLite test database is in memory and shared by every thread through one "
    "connection, so threads would not race; run with DATABASE_URL=postgres://… to test this.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_32_concurrent_downloads_leave_32_rows_and_a_count_of_32(rep, make_asset):
    asset = make_asset()
    login = Client()
    login.force_login(rep)
    session_cookie = login.cookies[settings.SESSION_COOKIE_NAME].value
    start = threading.Barrier(THREADS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def download() -> None:
        try:
            client = Client()
            client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
            start.wait()  # all threads ask at the same moment
            response = client.get(asset.get_download_url())
            b"".join(response.streaming_content)
            statuses.append(response.status_code)
        except BaseException as error:  # reported below, in the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=download) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [200] * THREADS
    assert Download.objects.filter(asset=asset).count() == THREADS
    asset.refresh_from_db()
    assert asset.download_count == THREADS
