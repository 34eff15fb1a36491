"""“Your copy is outdated”: computed from downloads, dismissed per person and version."""

import pytest
from django.test import Client
from django.urls import reverse

from collateral import notices
from collateral.models import Asset, Download
from personas.roles import SALES
from tests.collateral.conftest import pdf_bytes, upload_file
from tests.conftest import client_for, make_user


def new_version(client, asset, note="New pricing"):
    response = client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("deck.pdf", pdf_bytes(pages=2, text=note)), "note": note},
    )
    assert response.status_code == 302
    asset.refresh_from_db()
    return asset.current_version


def dismiss(client, asset, number):
    return client.post(
        reverse("collateral:outdated_dismiss", args=[asset.uuid]), {"version": str(number)}
    )


def test_a_rep_with_v1_sees_newer_version_on_home_and_asset_page_after_v2(
    marketer_client, rep_client, asset
):
    other = client_for(make_user("other-rep", SALES))
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    home = rep_client.get(reverse("home")).content.decode()
    assert "a newer version, v2, is current" in home
    assert "You have v1 of" in home
    assert "New pricing" in home
    page = rep_client.get(asset.get_absolute_url()).content.decode()
    assert "a newer version, v2, is current" in page
    # Someone who never downloaded it is told nothing.
    assert "newer version" not in other.get(reverse("home")).content.decode()
    assert "newer version" not in other.get(asset.get_absolute_url()).content.decode()


def test_downloading_the_current_version_clears_the_notice(
    marketer_client, rep_client, rep, asset
):
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    assert list(notices.outdated_for(rep)) == [asset]
    rep_client.get(asset.get_download_url())
    assert list(notices.outdated_for(rep)) == []
    assert "newer version" not in rep_client.get(reverse("home")).content.decode()


def test_whoever_uploads_the_new_version_is_not_told_it_is_newer(
    marketer, marketer_client, rep, rep_client, asset
):
    marketer_client.get(asset.get_download_url())  # the marketer had v1 too
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    assert list(notices.outdated_for(marketer)) == []
    assert "newer version" not in marketer_client.get(asset.get_absolute_url()).content.decode()
    assert list(notices.outdated_for(rep)) == [asset]


def test_the_library_card_carries_a_badge(marketer_client, rep_client, asset, make_asset):
    untouched = make_asset("Untouched")
    rep_client.get(asset.get_download_url())
    rep_client.get(untouched.get_download_url())
    new_version(marketer_client, asset)
    new_version(marketer_client, untouched)
    Download.objects.filter(asset=untouched).delete()
    for view in ("cards", "table"):
        body = rep_client.get(reverse("collateral:library"), {"view": view}).content.decode()
        assert body.count("Newer version than yours") == 1


def test_got_it_dismisses_per_person_and_version(marketer_client, rep_client, rep, asset):
    rep_client.get(asset.get_download_url())
    v2 = new_version(marketer_client, asset)
    response = dismiss(rep_client, asset, v2.number)
    assert response.status_code == 302
    said = rep_client.get(response.url).content.decode()
    assert "no more reminders about version 2 of “ROI deck”" in said
    assert "If a newer version comes out, you will hear about it." in said
    assert list(notices.outdated_for(rep)) == []
    # Twice is harmless.
    assert dismiss(rep_client, asset, v2.number).status_code == 302
    assert notices.OutdatedDismissal.objects.count() == 1
    # Version 3 brings the notice back.
    new_version(marketer_client, asset, note="Q3 numbers")
    home = rep_client.get(reverse("home")).content.decode()
    assert "a newer version, v3, is current" in home


def test_dismissing_a_notice_one_does_not_have_is_404(marketer_client, rep_client, asset):
    other = client_for(make_user("other-rep", SALES))
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    assert dismiss(other, asset, 2).status_code == 404
    assert dismiss(rep_client, asset, 1).status_code == 404  # not the current version
    assert dismiss(rep_client, asset, 99).status_code == 404
    assert dismiss(rep_client, asset, "x").status_code == 404
    assert dismiss(rep_client, asset, "99999999999999999999").status_code == 404
    unknown = reverse("collateral:outdated_dismiss", args=["00000000-0000-0000-0000-000000000000"])
    assert rep_client.post(unknown, {"version": "2"}).status_code == 404
    assert rep_client.get(unknown).status_code == 405
    assert notices.OutdatedDismissal.objects.count() == 0


def test_got_it_returns_to_a_safe_next_only(marketer_client, rep_client, asset):
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    url = reverse("collateral:outdated_dismiss", args=[asset.uuid])
    response = rep_client.post(url, {"version": "2", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("target", ["abc", "home", "collateral:library", "personas:detail"])
def test_got_it_with_a_next_that_is_not_a_path_goes_home_instead_of_failing(
    marketer_client, rep_client, rep, asset, target
):
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    url = reverse("collateral:outdated_dismiss", args=[asset.uuid])
    response = rep_client.post(url, {"version": "2", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert list(notices.outdated_for(rep)) == []


def test_a_retired_asset_is_withdrawn_with_its_replacement(
    marketer_client, rep_client, asset, make_asset
):
    replacement = make_asset("ROI deck 2027")
    rep_client.get(asset.get_download_url())
    marketer_client.post(
        reverse("collateral:retire", args=[asset.uuid]), {"replaced_by": str(replacement.uuid)}
    )
    home = rep_client.get(reverse("home")).content.decode()
    assert "is withdrawn." in home
    assert "must not be sent any more" in home
    assert f'replaced by <a href="{replacement.get_absolute_url()}">ROI deck 2027</a>' in home
    assert "newer version" not in home
    # "got it" works for a withdrawn asset although reps cannot open its page.
    assert dismiss(rep_client, asset, 1).status_code == 302
    home = rep_client.get(reverse("home")).content.decode()
    assert "must not be sent any more" not in home
    assert "no more reminders that “ROI deck” is withdrawn" in home


def test_got_it_on_a_newer_version_does_not_silence_its_later_withdrawal(
    marketer_client, rep_client, rep, asset
):
    rep_client.get(asset.get_download_url())
    v2 = new_version(marketer_client, asset)
    assert dismiss(rep_client, asset, v2.number).status_code == 302
    assert list(notices.outdated_for(rep)) == []
    marketer_client.post(reverse("collateral:retire", args=[asset.uuid]), {"reason": "old"})
    assert list(notices.outdated_for(rep)) == [asset]
    assert "must not be sent any more" in rep_client.get(reverse("home")).content.decode()
    # Dismissing the withdrawal itself works, although a dismissal of v2 existed already.
    assert dismiss(rep_client, asset, v2.number).status_code == 302
    assert list(notices.outdated_for(rep)) == []
    assert notices.OutdatedDismissal.objects.filter(user=rep).count() == 1


def test_a_download_from_the_notice_is_recorded_as_from_the_notice(
    marketer_client, rep_client, rep, asset
):
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    home = rep_client.get(reverse("home")).content.decode()
    link = f"{asset.get_download_url()}?source=notice"
    assert f'href="{link}"' in home
    rep_client.get(link)
    assert Download.objects.filter(user=rep).latest("pk").source == Download.Source.NOTICE


def test_the_outdated_list_page_shows_all_of_them(marketer_client, rep_client, make_asset):
    assets = [make_asset(f"Deck {n}") for n in range(7)]
    for asset in assets:
        rep_client.get(asset.get_download_url())
        new_version(marketer_client, asset)
    home = rep_client.get(reverse("home")).content.decode()
    assert home.count("is current.") == 5
    assert "All 7" in home
    page = rep_client.get(reverse("collateral:outdated")).content.decode()
    assert page.count("is current.") == 7


def test_drafts_give_no_notice(marketer_client, rep, rep_client, asset):
    rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    Asset.objects.filter(pk=asset.pk).update(status=Asset.Status.DRAFT)
    assert list(notices.outdated_for(rep)) == []


@pytest.mark.parametrize("downloads", [1, 30])
def test_outdated_queries_do_not_grow_with_downloads(
    marketer_client, rep_client, rep, asset, downloads, django_assert_num_queries
):
    for _ in range(downloads):
        rep_client.get(asset.get_download_url())
    new_version(marketer_client, asset)
    with django_assert_num_queries(1):
        assert len(list(notices.outdated_for(rep)[:5])) == 1


def test_the_download_view_writes_nothing_more_for_notices(
    rep_client, asset, django_assert_num_queries
):
    # The lookup, then the transaction: INSERT the row, UPDATE the counters (plus the role
    # lookup and session of the test client) – no notice table is touched.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        rep_client.get(asset.get_download_url())
    assert not any("outdateddismissal" in query["sql"] for query in queries.captured_queries)
    assert not any("profile" in query["sql"].lower() for query in queries.captured_queries)


def test_anonymous_visitors_are_sent_to_sign_in(asset):
    response = Client().post(
        reverse("collateral:outdated_dismiss", args=[asset.uuid]), {"version": "1"}
    )
    assert response.status_code == 302


def test_a_manager_is_not_linked_to_a_withdrawn_asset_they_cannot_open(
    manager_client, manager, asset
):
    from collateral.models import Asset

    manager_client.get(asset.get_download_url())
    Asset.objects.filter(pk=asset.pk).update(status=Asset.Status.RETIRED)
    page = manager_client.get(reverse("collateral:outdated")).content.decode()
    assert "is withdrawn" in page
    assert f'href="{asset.get_absolute_url()}"' not in page
    assert manager_client.get(asset.get_absolute_url()).status_code == 404


def test_a_version_that_puts_back_an_earlier_file_leaves_its_holders_alone(
    marketer_client, rep_client, asset
):
    other = client_for(make_user("other-rep", SALES))
    first = asset.current_version.file.open("rb").read()
    rep_client.get(asset.get_download_url())  # holds v1
    new_version(marketer_client, asset, note="New pricing")
    other.get(asset.get_download_url())  # holds v2
    response = marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("deck.pdf", first), "note": "Back to the old pricing"},
    )
    assert response.status_code == 302
    assert "newer version" not in rep_client.get(reverse("home")).content.decode()
    assert "a newer version, v3, is current" in other.get(reverse("home")).content.decode()


def test_the_same_file_as_the_current_version_is_refused_with_a_reason(marketer_client, asset):
    same = asset.current_version.file.open("rb").read()
    response = marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("deck.pdf", same), "note": "Again"},
    )
    assert response.status_code == 200
    assert "This file is the same as version 1, the current one." in response.content.decode()
    assert asset.versions.count() == 1
