"""The retire page names a replacement from a bounded list of suggestions, labelled so
namesakes differ, or from any published asset's link; it never lists the whole library."""

import pytest
from django.urls import reverse

from collateral.choosing import SUGGESTIONS
from collateral.models import Asset

pytestmark = pytest.mark.django_db


def retire_url(asset) -> str:
    return reverse("collateral:retire", args=[asset.uuid])


def test_the_list_offers_a_bounded_few_of_the_same_type_newest_first(marketer_client, make_asset):
    asset = make_asset("Old deck")
    for n in range(SUGGESTIONS + 5):
        make_asset(f"Deck {n:02}")
    make_asset("A datasheet", asset_type=Asset.Type.DATASHEET)
    body = marketer_client.get(retire_url(asset)).content.decode()
    assert body.count(">Deck ") == SUGGESTIONS
    assert f">Deck {SUGGESTIONS + 4:02} (Deck, out " in body  # the newest
    assert ">Deck 00 (" not in body
    assert "A datasheet" not in body
    assert ">Old deck (" not in body  # not itself


def test_namesakes_differ_by_type_and_date_in_the_list(marketer_client, make_asset):
    asset = make_asset("Zebra whitepaper", asset_type=Asset.Type.WHITEPAPER)
    make_asset("Zebra whitepaper", asset_type=Asset.Type.WHITEPAPER)
    body = marketer_client.get(retire_url(asset)).content.decode()
    assert ">Zebra whitepaper (Whitepaper, out " in body


def test_any_published_asset_replaces_it_by_its_link(marketer_client, make_asset):
    asset = make_asset("Old deck")
    other = make_asset("Case study", asset_type=Asset.Type.CASE_STUDY)  # not in the list
    link = f"https://onevoice.example.com{other.get_absolute_url()}"
    response = marketer_client.post(retire_url(asset), {"replaced_by_link": link})
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.status == Asset.Status.RETIRED
    assert asset.replaced_by == other


@pytest.mark.parametrize("which", ["itself", "draft", "nonsense"])
def test_a_link_that_cannot_replace_it_is_a_form_error(marketer_client, make_asset, which):
    asset = make_asset("Old deck")
    links = {
        "itself": asset.get_absolute_url(),
        "draft": make_asset("Draft", status=Asset.Status.DRAFT).get_absolute_url(),
        "nonsense": "not a link",
    }
    response = marketer_client.post(retire_url(asset), {"replaced_by_link": links[which]})
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "An asset cannot replace itself." in body
        if which == "itself"
        else "That is not the link of a published asset." in body
    )
    asset.refresh_from_db()
    assert asset.status == Asset.Status.PUBLISHED
