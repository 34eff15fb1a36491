"""The library page: visibility, filters in the URL, chips, sorting, views, query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, Feedback
from messaging.models import Pillar
from messaging.models import Status as MessagingStatus
from tests.conftest import create_assets_in_bulk

LIBRARY = reverse("collateral:library")


def titles(response) -> list[str]:
    return [asset.title for asset in response.context["page"].object_list]


def test_rep_sees_published_assets_only(rep_client, make_asset):
    make_asset("Published deck")
    make_asset("Draft deck", status=Asset.Status.DRAFT)
    make_asset("Retired deck", status=Asset.Status.RETIRED)
    response = rep_client.get(LIBRARY)
    assert titles(response) == ["Published deck"]
    body = response.content.decode()
    assert "Draft deck" not in body
    assert "Retired deck" not in body
    assert 'name="status"' not in body


def test_marketer_sees_drafts_and_retired_with_badges_and_can_filter_by_status(
    marketer_client, make_asset
):
    make_asset("Published deck")
    make_asset("Draft deck", status=Asset.Status.DRAFT)
    make_asset("Retired deck", status=Asset.Status.RETIRED)
    response = marketer_client.get(LIBRARY)
    body = response.content.decode()
    assert sorted(titles(response)) == ["Draft deck", "Published deck", "Retired deck"]
    assert '<span class="badge badge--draft">Draft</span>' in body
    assert '<span class="badge badge--retired">Retired</span>' in body
    assert titles(marketer_client.get(LIBRARY, {"status": "draft"})) == ["Draft deck"]


def test_filters_by_persona_and_stage_combine(rep_client, make_asset, persona, other_persona):
    make_asset("Fiona decision", personas=[persona], stage_slugs=["decision"])
    make_asset("Fiona awareness", personas=[persona], stage_slugs=["awareness"])
    make_asset("Olivia decision", personas=[other_persona], stage_slugs=["decision"])
    make_asset("Both", personas=[persona, other_persona], stage_slugs=["decision", "awareness"])
    response = rep_client.get(LIBRARY, {"persona": persona.slug, "stage": "decision"})
    assert sorted(titles(response)) == ["Both", "Fiona decision"]


def test_an_asset_with_no_persona_is_listed_under_every_persona(
    rep_client, make_asset, persona, other_persona
):
    make_asset("Company overview", personas=[], stage_slugs=["decision"])
    make_asset("Olivia only", personas=[other_persona], stage_slugs=["decision"])
    for filtered, expected in [
        (persona, ["Company overview"]),
        (other_persona, ["Olivia only", "Company overview"]),
    ]:
        response = rep_client.get(LIBRARY, {"persona": filtered.slug})
        assert [asset.title for asset in response.context["page"]] == expected


def test_the_decision_deck_for_a_persona_is_two_clicks_away(rep_client, make_asset, persona):
    make_asset("Fiona ROI deck", personas=[persona], stage_slugs=["decision"])
    make_asset("Fiona intro", personas=[persona], stage_slugs=["awareness"])
    first = rep_client.get(LIBRARY).content.decode()
    persona_link = f'href="?persona={persona.slug}"'
    assert persona_link in first
    second = rep_client.get(LIBRARY, {"persona": persona.slug}).content.decode()
    stage_link = f'href="?persona={persona.slug}&amp;stage=decision"'
    assert stage_link in second
    third = rep_client.get(LIBRARY, {"persona": persona.slug, "stage": "decision"})
    assert titles(third) == ["Fiona ROI deck"]


def test_an_asset_in_two_matching_rows_is_listed_once(rep_client, make_asset, persona):
    pillar = Pillar.objects.create(
        name="Numbers finance can trust", summary="x", status=MessagingStatus.APPROVED
    )
    older = Pillar.objects.create(
        key=pillar.key,
        version=2,
        name="Numbers finance can trust",
        summary="y",
        status=MessagingStatus.DRAFT,
    )
    asset = make_asset("Deck", personas=[persona])
    asset.pillars.set([pillar, older])
    response = rep_client.get(LIBRARY, {"pillar": str(pillar.key)})
    assert titles(response) == ["Deck"]


def test_filters_by_type_owner_and_text(rep_client, make_asset, manager):
    make_asset("Payback one-pager", asset_type=Asset.Type.ONE_PAGER)
    make_asset("Carrier battlecard", asset_type=Asset.Type.BATTLECARD, owner=manager)
    make_asset("Deck", description="Covers the payback period in detail")
    assert titles(rep_client.get(LIBRARY, {"type": "battlecard"})) == ["Carrier battlecard"]
    assert titles(rep_client.get(LIBRARY, {"owner": "manager"})) == ["Carrier battlecard"]
    assert sorted(titles(rep_client.get(LIBRARY, {"q": "PAYBACK"}))) == [
        "Deck",
        "Payback one-pager",
    ]


def test_the_search_box_finds_every_word_in_title_or_description(rep_client, make_asset):
    make_asset("Payback model walkthrough")
    make_asset("Payback one-pager", description="For the CFO")
    make_asset("Carrier battlecard")
    assert titles(rep_client.get(LIBRARY, {"q": "payback walkthrough"})) == [
        "Payback model walkthrough"
    ]
    assert titles(rep_client.get(LIBRARY, {"q": '"payback" cfo'})) == ["Payback one-pager"]
    assert titles(rep_client.get(LIBRARY, {"q": "payback zebra"})) == []


def test_active_filters_show_as_chips_that_remove_themselves(rep_client, make_asset, persona):
    make_asset("Deck", personas=[persona])
    body = rep_client.get(
        LIBRARY, {"persona": persona.slug, "stage": "decision", "page": "1"}
    ).content.decode()
    assert "Persona: Finance Fiona" in body
    assert 'href="?stage=decision"' in body  # the persona chip drops persona and page
    assert f'href="?persona={persona.slug}"' in body  # the stage chip drops stage


def test_an_unknown_filter_value_is_an_error_and_the_others_still_apply(rep_client, make_asset):
    make_asset("Deck", asset_type=Asset.Type.DECK)
    make_asset("Sheet", asset_type=Asset.Type.DATASHEET)
    response = rep_client.get(LIBRARY, {"persona": "nobody", "type": "deck"})
    assert response.status_code == 200
    assert titles(response) == ["Deck"]
    assert "That persona is not available, so every persona is shown." in response.content.decode()
    unknown_order = rep_client.get(LIBRARY, {"sort": "bogus"}).content.decode()
    assert "That order is not available, so the newest come first." in unknown_order


def test_sorting_newest_downloads_and_rating(rep_client, make_asset, rep):
    old = make_asset("Old but popular")
    Asset.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=30), download_count=50
    )
    new = make_asset("New and loved")
    Feedback.objects.create(asset=new, user=rep, rating=5)
    new.refresh_rating()
    make_asset("Unrated")
    assert titles(rep_client.get(LIBRARY))[-1] == "Old but popular"
    assert titles(rep_client.get(LIBRARY, {"sort": "downloads"}))[0] == "Old but popular"
    assert titles(rep_client.get(LIBRARY, {"sort": "rating"}))[0] == "New and loved"


def test_the_chosen_view_is_remembered_in_the_session(rep_client, asset):
    assert rep_client.get(LIBRARY).context["view"] == "cards"
    table = rep_client.get(LIBRARY, {"view": "table"})
    assert table.context["view"] == "table"
    assert '<table class="table asset-table">' in table.content.decode()
    assert rep_client.get(LIBRARY).context["view"] == "table"
    assert rep_client.get(LIBRARY, {"view": "cards"}).context["view"] == "cards"
    assert rep_client.get(LIBRARY, {"view": "bogus"}).context["view"] == "cards"


def test_each_card_and_row_links_a_tracked_download(rep_client, asset):
    cards = rep_client.get(LIBRARY, {"view": "cards"}).content.decode()
    table = rep_client.get(LIBRARY, {"view": "table"}).content.decode()
    link = f'href="{asset.get_download_url()}?source=library"'
    assert link in cards
    assert link in table


def test_an_empty_result_offers_a_prefilled_request(rep_client, persona, asset):
    response = rep_client.get(LIBRARY, {"persona": persona.slug, "stage": "awareness"})
    body = response.content.decode()
    assert "Nothing matches these filters yet." in body
    request_link = (
        f"{reverse('collateral:request_new')}?persona={persona.slug}&amp;stage=awareness"
    )
    assert request_link in body


def test_an_empty_word_search_points_to_the_search_inside_files(rep_client, asset):
    body = rep_client.get(LIBRARY, {"q": "Harbour Foods"}).content.decode()
    assert "Nothing matches these filters yet." in body
    assert f'href="{reverse("search")}?q=Harbour%20Foods&amp;kind=collateral"' in body
    assert "Search inside the files for “Harbour Foods”" in body
    # Without words there is nothing to carry over.
    body = rep_client.get(LIBRARY, {"stage": "awareness"}).content.decode()
    assert "Search inside the files" not in body


def test_marketing_sees_no_request_link_but_an_upload_link(marketer_client):
    body = marketer_client.get(LIBRARY).content.decode()
    assert "No collateral has been published yet." in body
    assert reverse("collateral:upload") in body
    assert reverse("collateral:request_new") not in body


def test_the_library_paginates_24_a_page(rep_client, bulk_assets):
    bulk_assets(30)
    first = rep_client.get(LIBRARY)
    assert len(titles(first)) == 24
    assert len(titles(rep_client.get(LIBRARY, {"page": 2}))) == 6
    assert len(titles(rep_client.get(LIBRARY, {"page": "junk"}))) == 24


@pytest.fixture
def bulk_assets(marketer, persona, other_persona, stages):
    """n published assets with a version, two personas, two stages and a pillar each."""
    pillar = Pillar.objects.create(
        name="Fewer exceptions", summary="x", status=MessagingStatus.APPROVED
    )

    def make(count: int) -> None:
        assets = create_assets_in_bulk(
            marketer,
            count,
            personas=(persona, other_persona),
            stages=(stages["decision"], stages["awareness"]),
        )
        Asset.pillars.through.objects.bulk_create(
            Asset.pillars.through(asset=asset, pillar=pillar) for asset in assets
        )

    return make


# Expected queries for a rep on the library page:
#   session, user, the user's permissions (has_perm), the role groups (header label),
#   filter form: personas for the select, pillars for the choices, owners for the select,
#   paginator COUNT, the page of assets (with current version and owner joined),
#   prefetch personas, prefetch stages, prefetch pillars,
#   template: persona chips, stage chips, the stage select (each iterates its queryset),
#   which of the page's assets the reader holds an outdated copy of (collateral.notices),
#   which of them use retired wording (the drift badge).
# With filters add one lookup per model-choice value (persona, stage, owner).
LIBRARY_QUERIES = 18


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"view": "table"},
        {"persona": "finance-fiona", "stage": "decision", "sort": "rating", "q": "Asset"},
    ],
)
def test_the_library_query_count_is_the_same_for_10_and_1000_assets(
    rep_client, bulk_assets, django_assert_max_num_queries, django_assert_num_queries, params
):
    bulk_assets(10)
    rep_client.get(LIBRARY, params)  # the session may be written once (view choice)
    with django_assert_max_num_queries(LIBRARY_QUERIES) as small:
        response = rep_client.get(LIBRARY, params)
    assert len(titles(response)) == 10
    bulk_assets(990)
    with django_assert_num_queries(len(small.captured_queries)):
        response = rep_client.get(LIBRARY, params)
    assert len(titles(response)) == 24
    assert response.context["page"].paginator.count == 1000
