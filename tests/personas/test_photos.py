"""Persona photos: uploads are checked and re-encoded, refused files leave no trace, and the
files are served only through the permission-checked views."""

import io
import time

import pytest
from django.urls import reverse
from PIL import Image

from personas.models import Persona
from tests.measure import MB, peak_memory_growth
from tests.personas.conftest import (
    image_bytes,
    jpeg_with_exif,
    png_claiming_size,
    png_with_text_chunk,
    stored_files,
    upload,
)

FORM = {
    "name": "Operations Olivia",
    "slug": "operations-olivia",
    "buying_role": "user",
    "summary": "Runs the warehouse floor.",
}


def post_photo(client, persona: Persona, file, **extra):
    url = reverse("personas:edit", args=[persona.slug])
    return client.post(url, {**FORM, "photo": file, **extra})


def read_stored(media_root, name: str) -> bytes:
    return (media_root / name).read_bytes()


# ---- Refused uploads --------------------------------------------------------------------


def truncated_png() -> bytes:
    data = image_bytes("PNG", size=(200, 200))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("notes.png", lambda: b"Meeting notes, definitely not a picture.\n" * 20, "not a photo"),
        ("cut.png", truncated_png, "not a photo"),
        ("bomb.png", lambda: png_claiming_size(65535, 65535), "too large"),
        ("cut.jpg", lambda: image_bytes("JPEG", size=(200, 200))[:300], "not a photo"),
        ("anim.gif", lambda: image_bytes("GIF"), "not a photo"),
        ("vector.png", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "not a photo"),
    ],
)
def test_refused_upload_is_a_form_error_and_writes_nothing(
    marketer_client, published, media_root, name, make, message
):
    before = Persona.objects.values().get(pk=published.pk)
    response = post_photo(marketer_client, published, upload(name, make()), pains="typed")
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "choose it again" in body
    assert ">\ntyped</textarea>" in body  # what was typed survives the error
    assert Persona.objects.values().get(pk=published.pk) == before
    assert stored_files(media_root) == []


def test_a_good_photo_with_another_error_asks_to_choose_it_again(marketer_client, published):
    """Browsers keep no file after an error: say so even when the photo itself was fine."""
    response = post_photo(
        marketer_client, published, upload("me.jpg", jpeg_with_exif(), "image/jpeg"), summary=""
    )
    assert response.status_code == 200
    assert "If you chose a photo, choose it again" in response.content.decode()


def test_image_over_the_pixel_limit_is_refused(marketer_client, published, media_root, settings):
    settings.MAX_IMAGE_PIXELS = 50 * 50
    response = post_photo(
        marketer_client, published, upload("big.png", image_bytes(size=(51, 50)))
    )
    assert "too large (more than 0.0025 megapixels)" in response.content.decode()
    assert stored_files(media_root) == []
    published.refresh_from_db()
    assert not published.photo


def test_file_over_the_photo_size_limit_is_refused(
    marketer_client, published, media_root, monkeypatch
):
    monkeypatch.setattr("personas.images.MAX_PHOTO_BYTES", 1024 * 1024)
    big = image_bytes() + b"\0" * (1024 * 1024)
    response = post_photo(marketer_client, published, upload("big.png", big))
    assert "larger than 1 MB" in response.content.decode()
    assert stored_files(media_root) == []


def test_header_claiming_65535_squared_pixels_is_refused_quickly(marketer_client, published):
    started = time.monotonic()
    response = post_photo(
        marketer_client, published, upload("b.png", png_claiming_size(65535, 65535))
    )
    assert time.monotonic() - started < 2
    assert "too large" in response.content.decode()


def test_refused_photo_on_a_new_persona_creates_no_row(marketer_client, media_root):
    data = {**FORM, "photo": upload("x.png", b"not an image")}
    response = marketer_client.post(reverse("personas:create"), data)
    assert response.status_code == 200
    assert not Persona.objects.exists()
    assert stored_files(media_root) == []


# ---- Accepted uploads -------------------------------------------------------------------


def test_valid_jpeg_is_stored_as_clean_upright_webp_with_a_square_thumbnail(
    marketer_client, published, media_root
):
    response = post_photo(
        marketer_client, published, upload("Me at the beach.jpg", jpeg_with_exif())
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.photo.name.startswith("personas/")
    assert published.photo.name.endswith(".webp")
    assert "beach" not in published.photo.name
    assert published.thumbnail.name.startswith("personas/thumbs/")
    assert stored_files(media_root) == sorted([published.photo.name, published.thumbnail.name])

    photo = read_stored(media_root, published.photo.name)
    thumb = read_stored(media_root, published.thumbnail.name)
    for data in (photo, thumb):
        image = Image.open(io.BytesIO(data))
        assert image.format == "WEBP"
        assert not image.getexif()
        assert b"Exif" not in data
        assert b"SpyCam" not in data
    # The EXIF orientation was applied: the 60×40 landscape pixels now stand 40×60.
    assert Image.open(io.BytesIO(photo)).size == (40, 60)
    assert Image.open(io.BytesIO(thumb)).size == (256, 256)


def test_text_chunks_do_not_survive_reencoding(marketer_client, published, media_root):
    png = png_with_text_chunk("<script>alert(1)</script>")
    post_photo(marketer_client, published, upload("p.png", png))
    published.refresh_from_db()
    assert b"<script" not in read_stored(media_root, published.photo.name)
    assert b"<script" not in read_stored(media_root, published.thumbnail.name)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(marketer_client, published, fmt):
    post_photo(marketer_client, published, upload(f"p.{fmt.lower()}", image_bytes(fmt)))
    published.refresh_from_db()
    assert published.thumbnail


def test_new_persona_with_a_photo(marketer_client, media_root):
    data = {**FORM, "photo": upload("p.png", image_bytes())}
    assert marketer_client.post(reverse("personas:create"), data).status_code == 302
    persona = Persona.objects.get()
    assert stored_files(media_root) == sorted([persona.photo.name, persona.thumbnail.name])


def test_replaced_photo_files_are_deleted_only_after_commit(
    marketer_client, published, media_root, django_capture_on_commit_callbacks
):
    post_photo(marketer_client, published, upload("a.png", image_bytes()))
    published.refresh_from_db()
    old = sorted([published.photo.name, published.thumbnail.name])

    with django_capture_on_commit_callbacks() as callbacks:
        post_photo(marketer_client, published, upload("b.png", image_bytes(size=(80, 80))))
    published.refresh_from_db()
    new = sorted([published.photo.name, published.thumbnail.name])
    assert set(stored_files(media_root)) == set(old) | set(new)  # not before the commit
    for callback in callbacks:
        callback()
    assert stored_files(media_root) == new


def test_remove_photo_falls_back_to_initials(
    marketer_client, published, media_root, django_capture_on_commit_callbacks
):
    post_photo(marketer_client, published, upload("a.png", image_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        response = marketer_client.post(
            reverse("personas:edit", args=[published.slug]), {**FORM, "remove_photo": "on"}
        )
    assert response.status_code == 302
    published.refresh_from_db()
    assert not published.photo
    assert not published.thumbnail
    assert stored_files(media_root) == []
    body = marketer_client.get(published.get_absolute_url()).content.decode()
    assert 'aria-hidden="true">OO</span>' in body


def test_uploading_and_removing_at_once_is_a_form_error(marketer_client, published, media_root):
    post_photo(marketer_client, published, upload("a.png", image_bytes()))
    files = stored_files(media_root)
    response = post_photo(
        marketer_client, published, upload("b.png", image_bytes()), remove_photo="on"
    )
    assert "not both" in response.content.decode()
    assert stored_files(media_root) == files


def test_failed_save_removes_the_files_it_just_wrote(
    marketer_client, published, media_root, monkeypatch
):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Persona, "save", broken_save)
    with pytest.raises(RuntimeError):
        post_photo(marketer_client, published, upload("a.png", image_bytes()))
    assert stored_files(media_root) == []


# ---- Serving ----------------------------------------------------------------------------


@pytest.fixture
def with_photo(marketer_client, published) -> Persona:
    post_photo(marketer_client, published, upload("a.jpg", jpeg_with_exif()))
    published.refresh_from_db()
    return published


@pytest.mark.parametrize("role", ["marketer", "rep", "manager"])
@pytest.mark.parametrize("kind", ["photo", "thumbnail"])
def test_everyone_gets_a_published_persona_photo_as_webp(request, role, kind, with_photo):
    client = request.getfixturevalue(f"{role}_client")
    response = client.get(reverse(f"personas:{kind}", args=[with_photo.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    assert "sandbox" in response["Content-Security-Policy"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "WEBP"


@pytest.mark.parametrize("kind", ["photo", "thumbnail"])
def test_a_photo_missing_from_storage_is_a_logged_404(rep_client, with_photo, kind, caplog):
    file = getattr(with_photo, kind)
    file.storage.delete(file.name)
    response = rep_client.get(reverse(f"personas:{kind}", args=[with_photo.slug]))
    assert response.status_code == 404
    errors = [r for r in caplog.records if r.name == "onevoice.files"]
    assert [r.levelname for r in errors] == ["ERROR"]
    assert file.name in errors[0].getMessage()


def test_unchanged_photo_revalidates_with_304(rep_client, with_photo):
    url = reverse("personas:thumbnail", args=[with_photo.slug])
    etag = rep_client.get(url)["ETag"]
    response = rep_client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag


@pytest.mark.parametrize("role", ["rep", "manager"])
@pytest.mark.parametrize("status", [Persona.Status.DRAFT, Persona.Status.ARCHIVED])
def test_photo_of_an_invisible_persona_is_404(request, role, status, with_photo):
    Persona.objects.filter(pk=with_photo.pk).update(status=status)
    client = request.getfixturevalue(f"{role}_client")
    for kind in ("photo", "thumbnail"):
        assert client.get(reverse(f"personas:{kind}", args=[with_photo.slug])).status_code == 404


def test_marketer_sees_the_photo_of_a_draft(marketer_client, with_photo):
    Persona.objects.filter(pk=with_photo.pk).update(status=Persona.Status.DRAFT)
    url = reverse("personas:photo", args=[with_photo.slug])
    assert marketer_client.get(url).status_code == 200


def test_persona_without_photo_has_no_photo_url(rep_client, published):
    assert rep_client.get(reverse("personas:photo", args=[published.slug])).status_code == 404


def test_photo_views_are_read_only(rep_client, with_photo):
    assert rep_client.post(reverse("personas:photo", args=[with_photo.slug])).status_code == 405


def test_stored_photo_has_no_media_url(rep_client, marketer_client, with_photo):
    assert rep_client.get(f"/media/{with_photo.photo.name}").status_code == 404
    assert marketer_client.get(f"/media/{with_photo.thumbnail.name}").status_code == 404


def test_pages_link_the_photo_through_the_checked_view(rep_client, with_photo):
    thumb_url = reverse("personas:thumbnail", args=[with_photo.slug])
    photo_url = reverse("personas:photo", args=[with_photo.slug])
    assert f'src="{thumb_url}?v=' in rep_client.get(reverse("personas:list")).content.decode()
    assert f'src="{photo_url}?v=' in rep_client.get(with_photo.get_absolute_url()).content.decode()
    assert (
        with_photo.photo.name not in rep_client.get(with_photo.get_absolute_url()).content.decode()
    )


def test_a_40_megapixel_photo_costs_the_web_worker_less_than_64_mb(
    marketer_client, published, media_root, png_39_9_megapixels
):
    with peak_memory_growth() as measured:
        response = post_photo(marketer_client, published, upload("team.png", png_39_9_megapixels))
    assert response.status_code == 302
    published.refresh_from_db()
    with published.thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (256, 256))
    assert measured["growth"] < 64 * MB, f"grew by {measured['growth'] / MB:.0f} MB"
