"""The asset page: what it shows, related assets, versions, feedback and query counts."""

import pytest
from django.urls import reverse

from collateral.models import Asset, AssetVersion, Feedback
from messaging.models import Pillar, Positioning
from messaging.models import Status as MessagingStatus
from personas.roles import MARKETING
from tests.collateral.conftest import pdf_bytes, upload_file
from tests.conftest import client_for, make_user
from tests.messaging.conftest import new_positioning, sign_both


def test_the_asset_page_shows_mapping_version_and_a_big_download_button(
    rep_client, make_asset, persona
):
    pillar = Pillar.objects.create(
        name="Numbers finance can trust", summary="x", status=MessagingStatus.APPROVED
    )
    asset = make_asset(
        "Payback deck", personas=[persona], description="For the CFO meeting.", versions=2
    )
    asset.pillars.set([pillar])
    body = rep_client.get(asset.get_absolute_url()).content.decode()
    assert "<h1>Payback deck" in body
    assert "For the CFO meeting." in body
    assert "Finance Fiona" in body
    assert "Decision" in body
    assert "Numbers finance can trust" in body
    assert f'href="{asset.get_download_url()}?source=asset"' in body
    assert "btn-big" in body
    assert "ROI deck.pdf" in body
    assert "PDF document" in body
    # A rep sees the history but no links to old versions.
    assert "v1" in body
    assert asset.versions.get(number=1).get_download_url() not in body


def test_marketing_sees_every_version_link_and_the_new_version_form(marketer_client, make_asset):
    asset = make_asset(versions=2)
    body = marketer_client.get(asset.get_absolute_url()).content.decode()
    for version in asset.versions.all():
        assert version.get_download_url() in body
    assert reverse("collateral:version_new", args=[asset.uuid]) in body
    assert "data-upload-form" in body


@pytest.fixture
def two_positionings(asset, marketer, manager) -> tuple[Positioning, Positioning]:
    """Version 1 (retired by the approval of version 2), which the asset was written against."""
    old = sign_both(new_positioning(marketer), marketer, manager)
    current = sign_both(new_positioning(marketer, version=2), marketer, manager)
    old.refresh_from_db()
    asset.positioning = old
    asset.save(update_fields=["positioning"])
    return old, current


def test_an_outdated_positioning_is_text_for_sales_with_a_link_to_the_current_one(
    rep_client, manager_client, asset, two_positionings
):
    old, current = two_positionings
    assert old.status == MessagingStatus.RETIRED
    for client in (rep_client, manager_client):
        body = client.get(asset.get_absolute_url()).content.decode()
        assert "Written against an older positioning (version 1)" in body
        assert "not the current positioning" in body
        # Never a link the reader cannot follow: old versions are Marketing's (404 for them).
        assert f'href="{old.get_absolute_url()}"' not in body
        assert client.get(old.get_absolute_url()).status_code == 404
        assert f'href="{current.get_absolute_url()}"' in body
        assert client.get(current.get_absolute_url()).status_code == 200


def test_marketing_follows_the_outdated_positioning_link(marketer_client, asset, two_positionings):
    old, _current = two_positionings
    body = marketer_client.get(asset.get_absolute_url()).content.decode()
    assert f'<a href="{old.get_absolute_url()}">positioning version 1</a>' in body
    assert "not the current positioning" in body
    assert marketer_client.get(old.get_absolute_url()).status_code == 200


def test_the_current_positioning_is_a_plain_link_for_everyone(
    rep_client, asset, marketer, manager
):
    current = sign_both(new_positioning(marketer), marketer, manager)
    asset.positioning = current
    asset.save(update_fields=["positioning"])
    body = rep_client.get(asset.get_absolute_url()).content.decode()
    assert f'<a href="{current.get_absolute_url()}">positioning version 1</a>' in body


def test_marketing_gets_the_word_diff_to_the_current_positioning_in_one_click(
    marketer_client, asset, two_positionings
):
    old, _current = two_positionings
    body = marketer_client.get(asset.get_absolute_url()).content.decode()
    compare = reverse("messaging:compare", args=["positioning", old.key, 1, 2])
    assert compare in body
    assert marketer_client.get(compare).status_code == 200


def test_sales_get_no_diff_link_they_cannot_open(rep_client, asset, two_positionings):
    old, _current = two_positionings
    body = rep_client.get(asset.get_absolute_url()).content.decode()
    assert reverse("messaging:compare", args=["positioning", old.key, 1, 2]) not in body


def test_nothing_is_flagged_while_no_positioning_is_approved(
    marketer_client, asset, two_positionings
):
    _old, current = two_positionings
    Positioning.objects.filter(pk=current.pk).update(status=MessagingStatus.RETIRED)
    body = marketer_client.get(asset.get_absolute_url()).content.decode()
    assert "positioning version 1" in body
    assert "not the current positioning" not in body


def test_related_assets_share_a_persona_and_a_stage(
    rep_client, make_asset, persona, other_persona
):
    asset = make_asset("Main", personas=[persona], stage_slugs=["decision"])
    make_asset("Same persona and stage", personas=[persona], stage_slugs=["decision"])
    make_asset("Same persona only", personas=[persona], stage_slugs=["awareness"])
    make_asset("Other persona", personas=[other_persona], stage_slugs=["decision"])
    make_asset(
        "Draft twin", personas=[persona], stage_slugs=["decision"], status=Asset.Status.DRAFT
    )
    response = rep_client.get(asset.get_absolute_url())
    assert [other.title for other in response.context["related"]] == ["Same persona and stage"]


def test_ratings_summary_shows_average_count_and_distribution(rep_client, asset, rep, manager):
    Feedback.objects.create(asset=asset, user=rep, rating=5, comment="Won the CFO over")
    Feedback.objects.create(asset=asset, user=manager, rating=2, comment="Pricing slide outdated")
    response = rep_client.get(asset.get_absolute_url())
    ratings = response.context["ratings"]
    assert ratings["count"] == 2
    assert ratings["average"] == 3.5
    assert [row["count"] for row in ratings["distribution"]] == [1, 0, 0, 1, 0]
    body = response.content.decode()
    assert "Won the CFO over" in body
    assert "Pricing slide outdated" in body
    assert "Update my rating" in body


# session, user, permissions (user.has_perm, one query: personas.backends), role groups (the
# header's label), asset (+ current version, uploader, wording check, owner, positioning),
# prefetch personas, stages, pillars, versions (+ uploader), the latest feedback (+ user), the
# ratings by stars, the rep's own rating, related assets, retired wording found in the current
# version (+ phrases), and whether the reader holds an outdated copy (collateral.notices).
ASSET_PAGE_QUERIES = 15


def test_the_asset_page_query_count_does_not_grow(
    rep_client, make_asset, persona, other_persona, django_assert_num_queries, rep, manager
):
    asset = make_asset(personas=[persona], versions=2)
    make_asset("Related", personas=[persona])
    with django_assert_num_queries(ASSET_PAGE_QUERIES):
        rep_client.get(asset.get_absolute_url())
    for n in range(6):
        make_asset(f"Related {n}", personas=[persona, other_persona])
    asset.personas.add(other_persona)
    Feedback.objects.create(asset=asset, user=rep, rating=4)
    Feedback.objects.create(asset=asset, user=manager, rating=3)
    for number in (3, 4, 5):
        AssetVersion.objects.create(
            asset=asset,
            number=number,
            file="collateral/x.pdf",
            original_filename="x.pdf",
            size=1,
            sha256="0" * 64,
            content_type="application/pdf",
            extension="pdf",
        )
    with django_assert_num_queries(ASSET_PAGE_QUERIES):
        rep_client.get(asset.get_absolute_url())


# --- Versions -----------------------------------------------------------------------------


def test_a_new_version_becomes_current_and_keeps_the_url_and_history(
    marketer_client, marketer, asset, rep_client
):
    url = asset.get_absolute_url()
    old = asset.current_version
    response = marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("ROI deck v2.pdf", pdf_bytes(pages=3)), "note": "New pricing"},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    asset.refresh_from_db()
    new = asset.current_version
    assert new.number == 2
    assert new.note == "New pricing"
    assert new.uploaded_by == marketer
    assert old.file.storage.exists(old.file.name)
    assert asset.versions.count() == 2
    body = marketer_client.get(url).content.decode()
    assert "New pricing" in body
    assert "Version 1" in body
    # The stable download link now serves version 2; version 1's URL is 404 for reps.
    download = rep_client.get(asset.get_download_url())
    assert download["ETag"] == f'"{new.sha256}"'
    assert rep_client.get(old.get_download_url()).status_code == 404


def test_a_new_version_from_a_form_opened_before_a_colleagues_is_refused_once(
    marketer_client, asset
):
    url = reverse("collateral:version_new", args=[asset.uuid])
    seen = marketer_client.get(url).context["form"]["seen"].value()
    colleague = client_for(make_user("marketer2", MARKETING))
    theirs = {
        "file": upload_file("theirs.pdf", pdf_bytes(pages=2)),
        "note": "Theirs",
        "seen": seen,
    }
    assert colleague.post(url, theirs).status_code == 302
    mine = {"file": upload_file("mine.pdf", pdf_bytes(pages=3)), "note": "Mine", "seen": seen}
    stale = marketer_client.post(url, mine)
    assert stale.status_code == 200
    assert "Someone else uploaded a new version after you opened this form" in (
        stale.content.decode()
    )
    asset.refresh_from_db()
    assert (asset.current_version.note, asset.versions.count()) == ("Theirs", 2)
    # The file is kept: sending the form again makes mine current without choosing it again.
    form = stale.context["form"]
    again = {
        "note": "Mine",
        "seen": form["seen"].value(),
        "kept_upload": form["kept_upload"].value(),
    }
    assert marketer_client.post(url, again).status_code == 302
    asset.refresh_from_db()
    assert (asset.current_version.note, asset.versions.count()) == ("Mine", 3)


def test_a_refused_new_version_changes_nothing(marketer_client, asset, media_root):
    from tests.collateral.conftest import media_listing

    before = (AssetVersion.objects.count(), media_listing(media_root), asset.current_version_id)
    response = marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("v2.pdf", b"<html><script>alert(1)</script>"), "note": "x"},
    )
    assert response.status_code == 200
    assert "HTML page" in response.content.decode()
    asset.refresh_from_db()
    assert (
        AssetVersion.objects.count(),
        media_listing(media_root),
        asset.current_version_id,
    ) == before


def test_a_new_version_needs_a_note(marketer_client, asset):
    response = marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("v2.pdf", pdf_bytes())},
    )
    assert response.status_code == 200
    assert asset.versions.count() == 1


# --- Feedback -----------------------------------------------------------------------------


def test_rep_rates_an_asset_and_can_change_the_rating(rep_client, rep, asset):
    url = reverse("collateral:feedback", args=[asset.uuid])
    response = rep_client.post(url, {"rating": 4, "comment": "Good for first calls"})
    assert response.status_code == 302
    assert response["Location"] == f"{asset.get_absolute_url()}#feedback"
    rep_client.post(url, {"rating": 2, "comment": "Pricing slide outdated"})
    feedback = Feedback.objects.get()
    assert (feedback.user, feedback.rating, feedback.comment) == (
        rep,
        2,
        "Pricing slide outdated",
    )
    asset.refresh_from_db()
    assert (asset.rating_average, asset.rating_count) == (2.0, 1)


def test_the_denormalised_rating_is_the_average_of_all_ratings(rep_client, manager_client, asset):
    url = reverse("collateral:feedback", args=[asset.uuid])
    rep_client.post(url, {"rating": 5})
    manager_client.post(url, {"rating": 2})
    asset.refresh_from_db()
    assert (asset.rating_average, asset.rating_count) == (3.5, 2)


@pytest.mark.parametrize("rating", ["0", "6", "", "five"])
def test_an_invalid_rating_is_a_form_error(rep_client, asset, rating):
    response = rep_client.post(
        reverse("collateral:feedback", args=[asset.uuid]),
        {"rating": rating, "comment": "kept text"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "kept text" in body
    # A summary the page focuses (static/js/form-errors.js), not an error far below.
    assert '<div class="form-errors" role="alert"><p>Your rating was not saved: see below.' in body
    assert Feedback.objects.count() == 0


def test_reloading_the_rating_address_shows_the_asset_not_a_blank_405(rep_client, asset):
    response = rep_client.get(reverse("collateral:feedback", args=[asset.uuid]))
    assert response.status_code == 302
    assert response.url == f"{asset.get_absolute_url()}#feedback"
    assert Feedback.objects.count() == 0


def test_marketing_does_not_rate_its_own_material(marketer_client, asset):
    response = marketer_client.post(
        reverse("collateral:feedback", args=[asset.uuid]), {"rating": 5}
    )
    assert response.status_code == 403
    assert "Rate this asset" not in marketer_client.get(asset.get_absolute_url()).content.decode()


def test_nobody_rates_a_draft_they_cannot_see(rep_client, make_asset):
    draft = make_asset(status=Asset.Status.DRAFT)
    response = rep_client.post(reverse("collateral:feedback", args=[draft.uuid]), {"rating": 5})
    assert response.status_code == 404


# --- Editing details and escaping -------------------------------------------------------


def test_marketer_edits_details_without_touching_the_file(
    marketer_client, marketer, asset, other_persona, stages
):
    version = asset.current_version
    response = marketer_client.post(
        reverse("collateral:asset_edit", args=[asset.uuid]),
        {
            "title": "ROI deck for CFOs",
            "description": "Updated",
            "asset_type": "deck",
            "personas": [other_persona.pk],
            "stages": [stages["consideration"].pk],
            "owner": marketer.pk,
            "review_by": "2030-01-31",
        },
    )
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.title == "ROI deck for CFOs"
    assert list(asset.personas.all()) == [other_persona]
    assert list(asset.stages.all()) == [stages["consideration"]]
    assert str(asset.review_by) == "2030-01-31"
    assert asset.current_version == version


def test_an_edit_from_a_page_opened_before_a_colleagues_save_is_refused_once(
    marketer_client, marketer, asset, other_persona, stages
):
    url = reverse("collateral:asset_edit", args=[asset.uuid])
    seen = marketer_client.get(url).context["form"]["seen"].value()
    assert seen
    colleague = client_for(make_user("marketer2", MARKETING))
    mine = {"title": "ROI deck", "asset_type": "deck", "stages": [stages["decision"].pk]}
    mine["owner"] = marketer.pk
    theirs = {**mine, "description": "Their important description", "seen": seen}
    assert colleague.post(url, {**theirs, "personas": [other_persona.pk]}).status_code == 302
    # Opened before their save: refused, with what I typed kept.
    stale = marketer_client.post(url, {**mine, "title": "My new title", "seen": seen})
    assert stale.status_code == 200
    body = stale.content.decode()
    assert "Someone else changed this asset after you opened it." in body
    assert 'value="My new title"' in body
    asset.refresh_from_db()
    assert (asset.title, asset.description) == ("ROI deck", "Their important description")
    # Saving again from the page that said so is a deliberate "mine wins".
    again = stale.context["form"]["seen"].value()
    assert (
        marketer_client.post(url, {**mine, "title": "My new title", "seen": again}).status_code
        == 302
    )
    asset.refresh_from_db()
    assert asset.title == "My new title"


def test_the_edit_form_shows_the_review_date_in_iso_format(marketer_client, asset):
    import datetime

    asset.review_by = datetime.date(2030, 1, 31)
    asset.save(update_fields=["review_by"])
    body = marketer_client.get(reverse("collateral:asset_edit", args=[asset.uuid])).content
    assert b'value="2030-01-31"' in body


def test_an_invalid_edit_keeps_the_input(marketer_client, asset):
    response = marketer_client.post(
        reverse("collateral:asset_edit", args=[asset.uuid]),
        {"title": "Changed title", "asset_type": "deck", "stages": []},
    )
    assert response.status_code == 200
    assert 'value="Changed title"' in response.content.decode()
    asset.refresh_from_db()
    assert asset.title == "ROI deck"


def test_user_text_is_escaped_everywhere(rep_client, rep, make_asset, persona):
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7|add:1 }}'
    asset = make_asset(evil, description=evil, filename=f"{evil}.pdf", personas=[persona])
    Feedback.objects.create(asset=asset, user=rep, rating=3, comment=evil)
    for url in [reverse("collateral:library"), asset.get_absolute_url()]:
        body = rep_client.get(url).content.decode()
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "{{ 7|add:1 }}" in body


def test_the_admin_shows_downloads_read_only(admin_user, asset, rep_client):
    from django.test import Client

    rep_client.get(asset.get_download_url())
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/collateral/download/").status_code == 200
    assert client.get("/admin/collateral/download/add/").status_code == 403
    download = asset.downloads.get()
    change = client.post(f"/admin/collateral/download/{download.pk}/change/", {"source": "x"})
    assert change.status_code == 403
    download.refresh_from_db()
    assert download.source == "other"
    assert client.get("/admin/collateral/asset/").status_code == 200


def test_a_user_with_ratings_cannot_be_deleted_so_the_average_stays_true(
    rep_client, manager_client, rep, asset
):
    from django.db.models import ProtectedError

    url = reverse("collateral:feedback", args=[asset.uuid])
    rep_client.post(url, {"rating": 5})
    manager_client.post(url, {"rating": 2})
    with pytest.raises(ProtectedError):
        rep.delete()
    asset.refresh_from_db()
    assert (asset.rating_average, asset.rating_count) == (3.5, 2)
    assert asset.feedback.count() == 2


def test_a_user_who_asked_for_material_cannot_be_deleted_so_the_request_stays(
    rep_client, marketer_client, rep
):
    from django.db.models import ProtectedError

    from collateral.models import ContentRequest

    rep_client.post(reverse("collateral:request_new"), {"description": "A CFO one-pager"})
    (request,) = ContentRequest.objects.filter(requester=rep)
    with pytest.raises(ProtectedError):
        rep.delete()
    assert ContentRequest.objects.filter(pk=request.pk).exists()


def test_the_admin_explains_that_people_are_deactivated_not_deleted(
    admin_user, rep_client, rep, asset
):
    from django.contrib.auth.models import User
    from django.test import Client

    rep_client.post(reverse("collateral:feedback", args=[asset.uuid]), {"rating": 4})
    client = Client()
    client.force_login(admin_user)
    page = client.get(f"/admin/auth/user/{rep.pk}/delete/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "deactivated, not deleted" in body
    assert "4/5 on ROI deck by rep" in body
    client.post(f"/admin/auth/user/{rep.pk}/delete/", {"post": "yes"})
    bulk = client.post(
        "/admin/auth/user/", {"action": "delete_selected", "_selected_action": [rep.pk]}
    )
    assert "deactivated, not deleted" in bulk.content.decode()
    client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [rep.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=rep.pk).exists()
    asset.refresh_from_db()
    assert (asset.rating_average, asset.rating_count) == (4.0, 1)


def test_marketing_and_managers_see_how_many_downloads_count_as_use(
    marketer_client, manager_client, rep_client, asset
):
    marketer_client.get(asset.get_download_url())  # the owner's: recorded, not use
    rep_client.get(asset.get_download_url())
    note = "(1 counted as use; the others were the owner's, Marketing's or from the audit)"
    for client in (marketer_client, manager_client):
        body = client.get(asset.get_absolute_url()).content.decode()
        assert f'<dt>Downloads</dt><dd>2 <span class="muted">{note}</span>' in body
    assert "counted as use" not in rep_client.get(asset.get_absolute_url()).content.decode()
