"""Assets and messages follow their pillar: approving a new version of a pillar (a rename, or
a retired pillar brought back) moves their links to it, and their search documents name it."""

import pytest
from django.urls import reverse

from collateral import search
from collateral.models import Asset
from messaging import workflow
from messaging.models import PersonaMessage, Pillar
from tests.messaging.conftest import approve_one, make_pillar

pytestmark = pytest.mark.django_db


@pytest.fixture
def pillar(marketer) -> Pillar:
    return approve_one(make_pillar(marketer, name="Fewer exceptions"), marketer)


@pytest.fixture
def mapped(make_asset, pillar) -> Asset:
    asset = make_asset("Exceptions deck")
    asset.pillars.set([pillar])
    search.index(asset)
    return asset


def rename(pillar: Pillar, marketer, name: str) -> Pillar:
    return approve_one(workflow.new_draft(pillar, marketer, name=name), marketer)


def test_a_renamed_pillar_shows_its_new_name_on_the_asset(rep_client, marketer, mapped, pillar):
    renamed = rename(pillar, marketer, "Zero-touch dispatch")
    assert list(mapped.pillars.all()) == [renamed]
    page = rep_client.get(mapped.get_absolute_url()).content.decode()
    assert f'?pillar={pillar.key}">Zero-touch dispatch</a>' in page
    assert "Fewer exceptions" not in page


def test_the_edit_form_offers_the_pillar_once_ticked(marketer_client, marketer, mapped, pillar):
    renamed = rename(pillar, marketer, "Zero-touch dispatch")
    form = marketer_client.get(reverse("collateral:asset_edit", args=[mapped.uuid])).context[
        "form"
    ]
    choices = list(form.fields["pillars"].queryset)
    assert choices == [renamed]
    assert [p.pk for p in form.initial["pillars"]] == [renamed.pk]


def test_search_finds_the_asset_by_the_new_name_only(rep_client, marketer, mapped, pillar):
    rename(pillar, marketer, "Zebra dispatch")

    def finds(q):
        body = rep_client.get(reverse("search"), {"q": q, "kind": "collateral"}).content
        return "Exceptions deck" in body.decode()

    assert finds("zebra")
    assert not finds("fewer")


def test_a_pillar_brought_back_after_retiring_carries_its_messages_and_assets(
    rep_client, marketer, persona, mapped, pillar
):
    message = PersonaMessage.objects.create(
        persona=persona, headline="Stop paying twice", key_messages="One", created_by=marketer
    )
    message.pillars.set([pillar])
    approve_one(message, marketer)
    workflow.retire(pillar, marketer)
    back = approve_one(workflow.new_draft(pillar, marketer, summary="Back again."), marketer)
    assert list(message.pillars.all()) == [back]
    assert list(mapped.pillars.all()) == [back]
    page = rep_client.get(message.get_absolute_url()).content.decode()
    assert "(retired)" not in page
    assert f'href="{back.get_absolute_url()}">Fewer exceptions</a>' in page


def test_an_asset_mapped_to_two_versions_keeps_one_link(marketer, mapped, pillar):
    draft = workflow.new_draft(pillar, marketer, name="Zero-touch dispatch")
    mapped.pillars.add(draft)  # ticked both boxes while the draft was open
    approved = approve_one(draft, marketer)
    assert list(mapped.pillars.all()) == [approved]


def test_following_a_pillar_costs_one_document_write_per_asset(marketer, make_asset):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def approving_with(mapped: int) -> int:
        pillar = approve_one(make_pillar(marketer, name=f"Pillar {mapped}"), marketer)
        for n in range(mapped):
            make_asset(f"Deck {mapped}-{n}").pillars.set([pillar])
        draft = workflow.new_draft(pillar, marketer, summary="Sharper.")
        workflow.submit(draft, marketer)
        with CaptureQueriesContext(connection) as queries:
            workflow.approve(draft, marketer)
        assert Asset.objects.filter(pillars=draft).count() == mapped
        return len(queries)

    # Per asset: its document's update_or_create (select and write, in savepoints: six
    # statements for a new document); the assets, their names and pages are read in chunks.
    assert approving_with(30) - approving_with(10) <= 6 * 20
