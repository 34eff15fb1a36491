"""A file that passed its checks is kept for an hour when the form has other errors, so the
corrected form never needs it again; only for the person who sent it."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, AssetVersion, PendingUpload
from personas.roles import MARKETING
from tests.collateral.conftest import media_listing, pdf_bytes, upload_file
from tests.conftest import client_for, make_user

UPLOAD = reverse("collateral:upload")


@pytest.fixture
def metadata(marketer, stages, persona) -> dict:
    return {
        "title": "Payback in 9 months",
        "asset_type": Asset.Type.DECK,
        "stages": [stages["decision"].pk],
        "personas": [persona.pk],
        "owner": marketer.pk,
        "note": "",
    }


def kept_token(response) -> str:
    return str(response.context["form"].kept.token)


def file_input(response) -> str:
    body = response.content.decode()
    start = body.index('<input type="file"')
    return body[start : body.index(">", start)]


def test_a_form_error_keeps_the_file_and_the_corrected_form_needs_none(
    marketer_client, marketer, metadata, media_root, django_capture_on_commit_callbacks
):
    data = pdf_bytes(pages=2)
    first = marketer_client.post(
        UPLOAD, {**metadata, "title": "", "file": upload_file("Payback deck.pdf", data)}
    )
    assert first.status_code == 200
    body = first.content.decode()
    assert "Your file <strong" in body
    assert "Payback deck.pdf</strong>" in body
    assert "is kept: you do not need to choose it again" in body
    assert "Choose your file again" not in body
    pending = PendingUpload.objects.get()
    assert (pending.user, pending.original_filename, pending.size) == (
        marketer,
        "Payback deck.pdf",
        len(data),
    )
    assert f'value="{pending.token}"' in body
    assert "required" not in file_input(first)
    assert not Asset.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        second = marketer_client.post(UPLOAD, {**metadata, "kept_upload": str(pending.token)})
    assert second.status_code == 302
    version = AssetVersion.objects.get()
    assert version.original_filename == "Payback deck.pdf"
    assert version.size == len(data)
    assert version.file.read() == data
    # Used: the kept copy and its row are gone; only the version and its preview remain.
    assert not PendingUpload.objects.exists()
    assert media_listing(media_root) == {version.file.name, version.preview.name}


def test_a_kept_file_is_never_used_for_another_person(marketer_client, metadata, stages):
    first = marketer_client.post(
        UPLOAD, {**metadata, "title": "", "file": upload_file("deck.pdf", pdf_bytes())}
    )
    other = client_for(make_user("marketer2", MARKETING))
    response = other.post(UPLOAD, {**metadata, "kept_upload": kept_token(first)})
    assert response.status_code == 200
    assert not Asset.objects.exists()
    assert "no longer kept" in response.content.decode()
    assert PendingUpload.objects.count() == 1  # still the first marketer's


def test_a_kept_file_expires_after_an_hour(marketer_client, metadata):
    first = marketer_client.post(
        UPLOAD, {**metadata, "title": "", "file": upload_file("deck.pdf", pdf_bytes())}
    )
    PendingUpload.objects.update(created_at=timezone.now() - timedelta(hours=1, seconds=1))
    response = marketer_client.post(UPLOAD, {**metadata, "kept_upload": kept_token(first)})
    assert not Asset.objects.exists()
    [error] = response.context["form"].errors["file"]
    assert error.startswith("The file you chose earlier is no longer kept")


def test_choosing_another_file_replaces_the_kept_one(
    marketer_client, metadata, django_capture_on_commit_callbacks
):
    first = marketer_client.post(
        UPLOAD, {**metadata, "title": "", "file": upload_file("old.pdf", pdf_bytes())}
    )
    old = PendingUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        second = marketer_client.post(
            UPLOAD,
            {
                **metadata,
                "title": "",
                "kept_upload": kept_token(first),
                "file": upload_file("new.pdf", pdf_bytes(text="New")),
            },
        )
    assert [p.original_filename for p in PendingUpload.objects.all()] == ["new.pdf"]
    assert not old.file.storage.exists(old.file.name)
    assert "new.pdf</strong>" in second.content.decode()
    marketer_client.post(UPLOAD, {**metadata, "kept_upload": kept_token(second)})
    assert AssetVersion.objects.get().original_filename == "new.pdf"


def test_a_refused_file_is_not_kept(marketer_client, metadata):
    response = marketer_client.post(
        UPLOAD, {**metadata, "title": "", "file": upload_file("x.pdf", b"MZ" + b"\0" * 64)}
    )
    assert response.status_code == 200
    assert not PendingUpload.objects.exists()
    assert "Choose your file again" in response.content.decode()


def test_a_new_version_form_error_keeps_the_file_too(marketer_client, asset):
    url = reverse("collateral:version_new", args=[asset.uuid])
    first = marketer_client.post(url, {"note": "", "file": upload_file("v2.pdf", pdf_bytes())})
    assert "v2.pdf</strong>" in first.content.decode()
    # The browser would refuse to send the corrected form with a required, empty file input.
    assert "required" not in file_input(first)
    response = marketer_client.post(url, {"note": "Pricing", "kept_upload": kept_token(first)})
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.current_version.original_filename == "v2.pdf"


def test_the_clean_up_command_removes_expired_kept_files_only(
    marketer_client, metadata, media_root, django_capture_on_commit_callbacks
):
    for name in ("old.pdf", "fresh.pdf"):
        marketer_client.post(
            UPLOAD, {**metadata, "title": "", "file": upload_file(name, pdf_bytes())}
        )
    old = PendingUpload.objects.get(original_filename="old.pdf")
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clear_pending_uploads", stdout=io.StringIO())
    assert [p.original_filename for p in PendingUpload.objects.all()] == ["fresh.pdf"]
    assert media_listing(media_root) == {PendingUpload.objects.get().file.name}
