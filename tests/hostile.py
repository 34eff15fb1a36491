"""Hypothesis strategies for hostile input, and how to send it the way a client could.

The properties every page and form must keep (issue #14, point 13): whatever arrives in a
query parameter or a form field, the answer is never a 500, and a refused input writes
nothing: no INSERT, UPDATE or DELETE reaches the database.

Values are sent as raw percent-encoded bytes, so a NUL or a lone surrogate (encoded as its
three "WTF-8" bytes, which is what a broken client would send) reaches Django exactly as it
would over the wire; Django's test client would refuse to encode a surrogate itself.
"""

from collections.abc import Mapping, Sequence
from urllib.parse import quote_from_bytes

from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# A few seconds per property; derandomised so CI runs the same examples every time, and no
# example database is written into the work tree.
PROPERTY = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pages only read: fewer examples each, since every page of the project gets its own property.
PAGE_PROPERTY = settings(PROPERTY, max_examples=12)

ODD_VALUES = [
    "\x00",
    "deck\x00",
    "\ud800",
    "a\udfffb",
    "\u202egnp.exe",
    "\u200b",
    "\ufeff",
    "e\u0301",
    "🚚",
    "",
    " ",
    "-1",
    "0",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 40,
    "0x10",
    "²",
    "٣",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "-2026-01-01",
    "2026-13-01",
    "2026-11-23T25:00",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "'; DROP TABLE collateral_asset; --",
    "<script>alert(1)</script>",
    "{{ 7|add:1 }}",
    "../../etc/passwd",
    "%",
    "%00",
    "\\",
    '"',
    "a" * 5000,
]

# Every character, surrogates included (Hypothesis leaves them out by default).
any_text = st.text(st.characters(exclude_categories=()), max_size=40)
odd_value = st.sampled_from(ODD_VALUES)
number_text = st.integers(min_value=-(2**70), max_value=2**70).map(str)
date_text = st.dates().map(lambda day: day.isoformat())


def hostile(*extra: object) -> st.SearchStrategy[str]:
    """Any odd text, number or date, or one of `extra` (real values: slugs, ids, uuids of
    objects the user may or may not see)."""
    choices = [odd_value, any_text, number_text, date_text]
    if extra:
        choices.append(st.sampled_from([str(value) for value in extra]))
    return st.one_of(*choices)


def params_for(fields: Mapping[str, st.SearchStrategy[str]]) -> st.SearchStrategy[dict]:
    """Some of `fields`, each with a drawn value (sometimes twice: ?a=1&a=2)."""
    return st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(strategy, st.lists(strategy, min_size=2, max_size=3))
            for name, strategy in fields.items()
        },
    )


def _raw(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def encode(params: Mapping[str, str | Sequence[str]]) -> str:
    """application/x-www-form-urlencoded, byte for byte (NUL and surrogates included)."""
    pairs = []
    for name, values in params.items():
        for value in [values] if isinstance(values, str) else values:
            pairs.append(f"{quote_from_bytes(_raw(name))}={quote_from_bytes(_raw(value))}")
    return "&".join(pairs)


def multipart(params: Mapping[str, str | Sequence[str]]) -> dict:
    """The same values for a multipart form (files added by the caller), as raw bytes."""
    return {
        name: _raw(values) if isinstance(values, str) else [_raw(value) for value in values]
        for name, values in params.items()
    }


def _writes(queries: CaptureQueriesContext) -> list[str]:
    writes = []
    for query in queries.captured_queries:
        sql = query["sql"].lstrip().upper()
        # A refused upload keeps its good file for the retry (#19.2): that row is the point.
        kept_upload = "COLLATERAL_PENDINGUPLOAD" in sql
        if sql.startswith(("INSERT", "UPDATE", "DELETE")) and "DJANGO_SESSION" not in sql:
            if kept_upload:
                continue
            writes.append(query["sql"])
    return writes


def _refused(response) -> bool:
    if response.status_code >= 400:
        return True
    if response.status_code == 200:
        return True  # a form shown again with its errors (or a confirmation page)
    levels = {message.level for message in get_messages(response.wsgi_request)}
    # A warning beside a success message is advice about what was saved (e.g. "no text
    # found"), not a refusal.
    if constants.SUCCESS in levels:
        return constants.ERROR in levels
    return bool(levels & {constants.ERROR, constants.WARNING})


def get_safely(client: Client, path: str, params: Mapping, *, may_write: bool = False):
    """GET `path` with `params`: never a 500, and a page read writes nothing."""
    query = encode(params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{path}?{query}" if query else path)
    assert response.status_code < 500, (path, query)
    if not may_write or response.status_code != 200:
        assert not _writes(queries), (path, query, _writes(queries))
    return response


def post_safely(client: Client, path: str, params: Mapping, files: Mapping | None = None):
    """POST `params` (multipart when there are `files`): never a 500, and a refused input
    (an error status, the form shown again, or a redirect with an error) writes nothing."""
    # Messages of earlier requests wait in a cookie until a page shows them; only this
    # request's messages say whether it was refused.
    client.cookies.pop(CookieStorage.cookie_name, None)
    with CaptureQueriesContext(connection) as queries:
        if files is None:
            response = client.post(
                path, encode(params), content_type="application/x-www-form-urlencoded"
            )
        else:
            response = client.post(path, {**multipart(params), **files})
    assert response.status_code < 500, (path, params)
    if _refused(response):
        assert not _writes(queries), (path, params, response.status_code, _writes(queries))
    return response
