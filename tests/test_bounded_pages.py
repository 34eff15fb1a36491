"""No page grows with the library (#18.1): 2,000 more assets for one persona, with their
downloads, ratings and requests, leave every page's query count unchanged and its HTML small.

Each page is requested once on a small library and once after the growth, by the role that
opens it. The query count must be equal and the page under 150 KB: a page that listed every
asset of the persona (as the persona page once did) would be megabytes.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, BuyingStage, ContentRequest, Download, Feedback
from personas.models import Persona
from personas.roles import SALES
from tests.conftest import client_for, create_assets_in_bulk

GROWTH = 2_000
MAX_HTML_BYTES = 150_000


def add_assets(persona: Persona, owner: User, count: int, start: int = 0) -> list[Asset]:
    """`count` published assets for `persona` in every stage, out long enough to be audited."""
    stages = BuyingStage.objects.all()
    assets = create_assets_in_bulk(
        owner, count, personas=[persona], stages=stages, title="Grown", start=start, days_old=200
    )
    # Past their review date, so the stale report has rows before and after.
    overdue = timezone.localdate() - timedelta(days=10)
    Asset.objects.filter(pk__in=[asset.pk for asset in assets]).update(review_by=overdue)
    return assets


def add_activity(
    assets: list[Asset], reps: list[User], persona: Persona, raters: list[User]
) -> None:
    """Downloads of the assets by `reps`, ratings of the first one by `raters`, and a
    request by each rep."""
    now = timezone.now()
    Download.objects.bulk_create(
        Download(
            asset=asset,
            version_id=asset.current_version_id,
            user=reps[n % len(reps)],
            downloaded_at=now - timedelta(days=n % 120),
            source=Download.Source.LIBRARY,
            is_use=True,
        )
        for n, asset in enumerate(assets * 2)
    )
    Feedback.objects.bulk_create(
        Feedback(asset=assets[0], user=rep, rating=1 + n % 5, comment="Worked with CFOs " * 5)
        for n, rep in enumerate(raters)
    )
    ContentRequest.objects.bulk_create(
        ContentRequest(persona=persona, description=f"Need {n}", requester=reps[n % len(reps)])
        for n in range(len(reps))
    )


@pytest.fixture
def library(db, marketer, rep, manager):
    """A small library: one persona with one asset per stage, one rating, one request."""
    persona = Persona.objects.create(
        name="Finance Fiona",
        slug="finance-fiona",
        buying_role=Persona.BuyingRole.ECONOMIC_BUYER,
        summary="CFO of a mid-market distributor.",
        status=Persona.Status.PUBLISHED,
    )
    sales = Group.objects.get(name=SALES)
    reps = [rep]
    for n in range(60):
        user = User.objects.create_user(f"grown-rep-{n}", password="pw")
        user.groups.add(sales)
        reps.append(user)
    assets = add_assets(persona, marketer, 4)
    add_activity(assets, reps[:1], persona, raters=reps[:1])
    return {"persona": persona, "asset": assets[0], "reps": reps, "marketer": marketer}


def pages(library) -> list[tuple[str, str]]:
    """(role, URL) of every page people open with lists in it."""
    persona = library["persona"]
    asset = library["asset"]
    request = ContentRequest.objects.order_by("pk").first()
    return [
        ("rep", reverse("home")),
        ("rep", reverse("personas:list")),
        ("rep", persona.get_absolute_url()),
        ("rep", reverse("collateral:library")),
        ("rep", reverse("collateral:library") + f"?persona={persona.slug}&view=table"),
        ("rep", asset.get_absolute_url()),
        ("rep", reverse("collateral:request_new") + f"?persona={persona.slug}"),
        ("rep", reverse("collateral:requests_mine")),
        ("rep", reverse("messaging:home")),
        ("marketer", reverse("personas:preview", args=[persona.slug])),
        ("marketer", reverse("collateral:library")),
        ("marketer", reverse("collateral:upload")),
        ("marketer", reverse("collateral:asset_edit", args=[asset.uuid])),
        ("marketer", reverse("collateral:request_queue")),
        ("marketer", reverse("collateral:request_respond", args=[request.pk])),
        ("marketer", reverse("collateral:retire", args=[asset.uuid])),
        ("manager", reverse("collateral:audit")),
        ("manager", reverse("collateral:audit_unused")),
        ("manager", reverse("collateral:audit_usage") + "?days=365"),
        ("manager", reverse("collateral:audit_coverage")),
        ("manager", reverse("collateral:audit_stale")),
    ]


def measure(clients: dict, url_list: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """{URL: (queries, HTML bytes)}, after a first request that warms per-process caches."""
    measured = {}
    for role, url in url_list:
        clients[role].get(url)
        with CaptureQueriesContext(connection) as queries:
            response = clients[role].get(url)
        assert response.status_code == 200, (url, response.status_code)
        measured[url] = (len(queries), len(response.content))
    return measured


def test_no_page_grows_with_two_thousand_more_assets_for_one_persona(
    library, marketer, rep, manager
):
    clients = {
        "rep": client_for(rep),
        "marketer": client_for(marketer),
        "manager": client_for(manager),
    }
    url_list = pages(library)
    before = measure(clients, url_list)

    grown = add_assets(library["persona"], marketer, GROWTH, start=100)
    reps = library["reps"]
    add_activity([library["asset"], *grown], reps, library["persona"], raters=reps[1:])
    after = measure(clients, url_list)

    for url, (queries, size) in after.items():
        assert queries == before[url][0], f"{url}: {before[url][0]} queries, now {queries}"
        assert size < MAX_HTML_BYTES, f"{url} is {size:,} bytes with {GROWTH:,} more assets"


def test_the_persona_page_offers_the_rest_through_the_library(library, marketer, rep):
    add_assets(library["persona"], marketer, 30, start=100)
    body = client_for(rep).get(library["persona"].get_absolute_url()).content.decode()
    assert body.count('class="persona-collateral__item"') == 4 * 5
    assert "All 34 for decision in the library" in body  # 4 + 30 in every stage
