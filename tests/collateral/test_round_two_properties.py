"""Property tests (Hypothesis) over the collateral forms and parameters added in round two:
retiring with a replacement, kept uploads, download histories and "got it" on an outdated
notice. Never a 500, a refused input writes nothing, and what is accepted is what is stored
(issue #14, point 13)."""

import itertools
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from collateral import notices
from collateral.models import Asset, AssetVersion, Download, PendingUpload
from personas.roles import MARKETING, SALES
from tests.collateral.conftest import pdf_bytes, upload_file
from tests.conftest import make_user
from tests.hostile import PAGE_PROPERTY, PROPERTY, get_safely, hostile, params_for, post_safely

UNKNOWN_UUID = "00000000-0000-0000-0000-000000000000"
NEXT = hostile("/collateral/", "abc", "home", "//evil.example", "https://evil.example", "/\\x")


def last(value: str | list[str] | None) -> str | None:
    """What a form field reads from ?a=1&a=2: the last value."""
    return value[-1] if isinstance(value, list) else value


def refused_for_a_nul(response) -> bool:
    """The project-wide guard's clear 400 for a NUL in a plain form (config.middleware)."""
    if response.status_code != 400:
        return False
    assert "NUL character (%00)" in response.content.decode()
    return True


def is_local_path(location: str) -> bool:
    return location.startswith("/") and not location.startswith(("//", "/\\"))


# --- Retiring an asset, naming what replaces it ---------------------------------------------


@pytest.mark.parametrize("role", ["marketer_client", "manager_client"])
def test_retiring_never_fails_and_only_another_published_asset_can_replace(
    request, make_asset, role
):
    client = request.getfixturevalue(role)
    target = make_asset("Price list 2025")
    replacement = make_asset("Price list 2026")
    others_draft = make_asset(
        "Someone else's draft", status=Asset.Status.DRAFT, owner=make_user("m2", MARKETING)
    )
    retired = make_asset("Price list 2019", status=Asset.Status.RETIRED)
    url = reverse("collateral:retire", args=[target.uuid])
    uuids = [target.uuid, replacement.uuid, others_draft.uuid, retired.uuid, UNKNOWN_UUID]
    pks = [target.pk, replacement.pk, others_draft.pk]

    @PROPERTY
    @given(
        params=params_for(
            {
                "replaced_by": hostile(*uuids, *pks, 2**63, str(replacement.uuid).upper()),
                "next": NEXT,
            }
        )
    )
    def check(params):
        response = post_safely(client, url, params)
        after = Asset.objects.get(pk=target.pk)
        sent = last(params.get("replaced_by")) or ""
        if refused_for_a_nul(response):
            assert after.status == Asset.Status.PUBLISHED
        elif sent in ("", str(replacement.uuid), str(replacement.uuid).upper()):
            assert response.status_code == 302
            assert is_local_path(response["Location"])
            assert after.status == Asset.Status.RETIRED
            assert after.replaced_by_id == (replacement.pk if sent else None)
            # Back to published for the next example (the retirement's log entries stay).
            Asset.objects.filter(pk=target.pk).update(
                status=Asset.Status.PUBLISHED, replaced_by=None, retired_at=None
            )
        else:
            assert response.status_code == 200
            assert "Select a valid choice" in response.content.decode()
            assert (after.status, after.replaced_by_id) == (Asset.Status.PUBLISHED, None)

    check()


# --- Kept uploads: the token of a file kept for a retry --------------------------------------


@pytest.fixture
def kept(marketer) -> dict[str, PendingUpload]:
    """Kept files: the marketer's own, another marketer's, and the marketer's expired one."""

    def keep(user, name):
        return PendingUpload.keep(user, upload_file(name, pdf_bytes()), name)

    expired = keep(marketer, "expired.pdf")
    PendingUpload.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    return {
        "own": keep(marketer, "own.pdf"),
        "others": keep(make_user("marketer2", MARKETING), "others.pdf"),
        "expired": expired,
    }


def token_values(kept) -> st.SearchStrategy[str]:
    """ "own" stands for the marketer's live token (a new one after each use)."""
    fixed = [str(kept["others"].token), str(kept["expired"].token), str(uuid.uuid4())]
    return st.one_of(
        st.just("own"),
        st.sampled_from(fixed),
        hostile(str(kept["others"].token).upper(), kept["others"].pk, "kept_upload"),
    )


def own_token(marketer) -> str:
    """The marketer's live kept upload, made again when the last one was used."""
    pending = PendingUpload.objects.live().filter(user=marketer).first()
    if pending is None:
        pending = PendingUpload.keep(marketer, upload_file("own.pdf", pdf_bytes()), "own.pdf")
    return str(pending.token)


def check_kept_upload(response, *, used_own: bool, created: bool, kept) -> None:
    """The shared outcome: the own file is used only when named, nobody else's ever."""
    if response.status_code == 400:
        return
    if created:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "file" in errors or used_own
        if "file" in errors and not used_own:
            [error] = errors["file"]
            no_token = response.wsgi_request.POST.get("kept_upload", "") == ""
            assert error.startswith(
                "No file arrived" if no_token else "The file you chose earlier is no longer kept"
            )
    # Another person's kept file is never used nor thrown away.
    assert PendingUpload.objects.filter(pk=kept["others"].pk).exists()


def test_uploads_never_use_someone_elses_or_a_malformed_kept_token(
    marketer_client, marketer, stages, persona, kept
):
    metadata = {
        "asset_type": Asset.Type.DECK,
        "stages": str(stages["decision"].pk),
        "personas": str(persona.pk),
        "owner": str(marketer.pk),
    }

    @PROPERTY
    @given(token=token_values(kept), title=st.sampled_from(["Payback deck", ""]))
    def check(token, title):
        used_own = token == "own"
        if used_own:
            token = own_token(marketer)
        before = Asset.objects.count()
        params = {**metadata, "title": title, "kept_upload": token}
        response = post_safely(marketer_client, reverse("collateral:upload"), params)
        created = Asset.objects.count() == before + 1
        assert created == (used_own and title != "")
        if created:
            asset = Asset.objects.latest("pk")
            assert asset.current_version.original_filename == "own.pdf"
            assert not PendingUpload.objects.filter(token=token).exists()
        check_kept_upload(response, used_own=used_own, created=created, kept=kept)

    check()


def test_new_versions_never_use_someone_elses_or_a_malformed_kept_token(
    marketer_client, marketer, asset, kept
):
    url = reverse("collateral:version_new", args=[asset.uuid])

    @PROPERTY
    @given(token=token_values(kept), note=st.sampled_from(["Updated pricing", ""]))
    def check(token, note):
        used_own = token == "own"
        if used_own:
            token = own_token(marketer)
        before = AssetVersion.objects.filter(asset=asset).count()
        response = post_safely(marketer_client, url, {"note": note, "kept_upload": token})
        created = AssetVersion.objects.filter(asset=asset).count() == before + 1
        assert created == (used_own and note != "")
        if created:
            asset.refresh_from_db()
            assert asset.current_version.original_filename == "own.pdf"
        check_kept_upload(response, used_own=used_own, created=created, kept=kept)

    check()


def test_a_new_file_with_a_hostile_kept_token_is_judged_on_its_own(
    marketer_client, marketer, asset, kept
):
    """Multipart, so a NUL in the token reaches the form instead of the 400 guard."""
    url = reverse("collateral:version_new", args=[asset.uuid])
    uploads = itertools.count()

    @PROPERTY
    @given(token=token_values(kept))
    def check(token):
        if token == "own":
            token = own_token(marketer)
        before = AssetVersion.objects.filter(asset=asset).count()
        # Each a different file: the same bytes as the current version are refused.
        files = {"file": upload_file("new.pdf", pdf_bytes(text=f"New {next(uploads)}"))}
        params = {"note": "New file", "kept_upload": token}
        response = post_safely(marketer_client, url, params, files=files)
        assert response.status_code == 302
        assert AssetVersion.objects.filter(asset=asset).count() == before + 1
        asset.refresh_from_db()
        assert asset.current_version.original_filename == "new.pdf"
        assert PendingUpload.objects.filter(pk=kept["others"].pk).exists()

    check()


# --- Download histories ----------------------------------------------------------------------


@pytest.fixture
def downloaded(asset, rep, manager) -> Asset:
    Download.objects.bulk_create(
        Download(asset=asset, version=asset.current_version, user=user, source="library")
        for user in (rep, rep, manager)
    )
    return asset


@pytest.mark.parametrize("role", ["rep_client", "manager_client"])
def test_download_histories_never_fail_and_stay_private(request, rep, manager, downloaded, role):
    client = request.getfixturevalue(role)
    own_rows = 2 if role == "rep_client" else 1

    @PAGE_PROPERTY
    @given(
        params=params_for({"page": hostile(1, 2, 0, -1, "last", 2**63)}),
        pk=st.sampled_from([rep.pk, manager.pk, 0, 2**31, 2**63 - 1]),
    )
    def check(params, pk):
        mine = get_safely(client, reverse("collateral:my_downloads"), params)
        assert mine.status_code in {200, 400}
        if mine.status_code == 200:
            assert mine.context["page"].paginator.count == own_rows
        named = get_safely(client, reverse("collateral:person_downloads", args=[pk]), params)
        if role == "rep_client" and pk != rep.pk:
            assert named.status_code in {400, 403}
        elif pk in (rep.pk, manager.pk):
            assert named.status_code in {200, 400}
        else:
            assert named.status_code in {400, 404}

    check()


def test_a_teams_people_never_fail(manager_client, downloaded):
    @PAGE_PROPERTY
    @given(
        params=params_for(
            {
                "team": hostile("sales", SALES, MARKETING, "Managers"),
                "days": hostile(30, 90, 365),
                "persona": hostile("finance-fiona"),
                "stage": hostile("decision"),
                "type": hostile(*Asset.Type.values),
                "page": hostile(1, 2, 0, -1, "last"),
            }
        )
    )
    def check(params):
        response = get_safely(manager_client, reverse("collateral:team_people"), params)
        assert response.status_code in {200, 400}

    check()


# --- "Got it" on an outdated notice ----------------------------------------------------------


def test_got_it_never_fails_answers_404_for_a_notice_one_lacks_and_twice_is_harmless(
    rep_client, rep, make_asset
):
    mine = make_asset("ROI deck", versions=2)
    theirs = make_asset("Pricing deck", versions=2)
    current = make_asset("Case study")
    first = {asset: asset.versions.get(number=1) for asset in (mine, theirs)}
    colleague = make_user("colleague", SALES)
    Download.objects.bulk_create(
        [
            Download(asset=mine, version=first[mine], user=rep),
            Download(asset=theirs, version=first[theirs], user=colleague),
            Download(asset=current, version=current.current_version, user=rep),
        ]
    )
    # The rep's own notice twice over: most examples are about it.
    uuids = [str(mine.uuid)] * 2 + [str(theirs.uuid), str(current.uuid), UNKNOWN_UUID]

    @PROPERTY
    @given(
        target=st.sampled_from(uuids),
        params=st.one_of(
            params_for({"version": hostile(1, 2, "02", " 2", "²"), "next": NEXT}),
            # As the notice's form sends it (its version is the current one, 2).
            st.fixed_dictionaries({"version": st.sampled_from("123")}, optional={"next": NEXT}),
            st.fixed_dictionaries({"version": st.just("2"), "next": NEXT}),
        ),
    )
    def check(target, params):
        url = reverse("collateral:outdated_dismiss", args=[target])
        response = post_safely(rep_client, url, params)
        number = last(params.get("version")) or ""
        is_mine = target == str(mine.uuid) and number.isascii() and number.isdigit()
        if refused_for_a_nul(response):
            return
        if is_mine and len(number) <= 9 and int(number) == 2:
            assert response.status_code == 302
            assert is_local_path(response["Location"])
            assert notices.OutdatedDismissal.objects.filter(user=rep).count() == 1
        else:
            assert response.status_code == 404

    check()
    # Only the notice the rep had is dismissed; the colleague's still shows to them.
    assert list(notices.outdated_for(colleague)) == [theirs]
    assert not notices.OutdatedDismissal.objects.exclude(version=mine.current_version).exists()
