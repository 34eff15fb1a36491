"""An asset's personas and pillars as each role sees them: a draft or archived persona's name,
and a draft pillar's, stay inside Marketing on every page that shows the asset."""

import pytest
from django.urls import reverse

from messaging.models import Pillar
from messaging.models import Status as MessagingStatus
from personas.models import Persona

SECRET = "Stealth Sam"


@pytest.fixture
def hidden_persona(db) -> Persona:
    return Persona.objects.create(
        name=SECRET, slug="stealth-sam", summary="Not announced yet.", status="draft"
    )


def pages_showing(client, asset) -> dict[str, str]:
    return {
        "asset page": client.get(asset.get_absolute_url()).content.decode(),
        "library cards": client.get(reverse("collateral:library")).content.decode(),
        "library table": client.get(
            reverse("collateral:library"), {"view": "table"}
        ).content.decode(),
    }


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_reps_never_see_a_hidden_persona_an_asset_is_mapped_to(
    rep_client, marketer_client, make_asset, persona, hidden_persona, status
):
    Persona.objects.filter(pk=hidden_persona.pk).update(status=status)
    asset = make_asset(personas=[persona, hidden_persona])
    for page, body in pages_showing(rep_client, asset).items():
        assert SECRET not in body, page
        assert "Finance Fiona" in body, page
    assert "?persona=stealth-sam" not in rep_client.get(asset.get_absolute_url()).content.decode()
    # Marketing sees the whole mapping.
    for page, body in pages_showing(marketer_client, asset).items():
        assert SECRET in body, page


def test_an_asset_only_for_a_hidden_persona_is_not_shown_as_for_every_persona(
    rep_client, make_asset, hidden_persona
):
    only_hidden = make_asset(personas=[hidden_persona])
    body = rep_client.get(only_hidden.get_absolute_url()).content.decode()
    assert "No published persona" in body
    assert "Every persona" not in body
    assert SECRET not in body
    everyone = make_asset("Fits all", personas=[])
    assert "Every persona" in rep_client.get(everyone.get_absolute_url()).content.decode()


def test_a_retired_pillar_is_named_not_linked_and_a_draft_one_is_hidden(
    rep_client, marketer_client, make_asset, marketer
):
    retired = Pillar.objects.create(
        name="Live in weeks", summary="x", created_by=marketer, status=MessagingStatus.RETIRED
    )
    draft = Pillar.objects.create(name="Secret pillar", summary="x", created_by=marketer)
    asset = make_asset()
    asset.pillars.set([retired, draft])
    body = rep_client.get(asset.get_absolute_url()).content.decode()
    assert "Live in weeks (retired)" in body
    assert f"?pillar={retired.key}" not in body
    assert "Secret pillar" not in body
    assert (
        "Secret pillar (draft)" in marketer_client.get(asset.get_absolute_url()).content.decode()
    )


def test_search_finds_an_asset_by_its_persona_only_once_the_persona_is_published(
    rep_client, marketer_client, make_asset, hidden_persona
):
    from collateral import search

    asset = make_asset("Quarterly deck", personas=[hidden_persona])
    search.index(asset)

    def found(q: str) -> str:
        return rep_client.get(reverse("search"), {"q": q}).content.decode()

    assert "Quarterly deck" not in found("stealth")
    publish = reverse("personas:publish", args=[hidden_persona.slug])
    marketer_client.post(publish, {"from": "draft"})
    assert "Quarterly deck" in found("stealth")
    archive = reverse("personas:archive", args=[hidden_persona.slug])
    marketer_client.post(archive, {"from": "published"})
    assert "Quarterly deck" not in found("stealth")


def test_a_pillar_with_a_newer_approved_version_stays_linked(rep_client, make_asset, marketer):
    from messaging import workflow
    from tests.messaging.conftest import approve_one, make_pillar

    first = approve_one(make_pillar(marketer, name="Fewer exceptions"), marketer)
    asset = make_asset()
    asset.pillars.set([first])
    second = workflow.new_draft(first, marketer, summary="Sharper.")
    approve_one(second, marketer)
    first.refresh_from_db()
    assert first.status == MessagingStatus.RETIRED
    body = rep_client.get(asset.get_absolute_url()).content.decode()
    assert f"?pillar={first.key}" in body
    assert "(retired)" not in body
