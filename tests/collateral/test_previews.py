"""Previews: page one of a PDF in a guarded subprocess, re-encoded image thumbnails."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from collateral import preview
from collateral.models import AssetVersion
from tests.collateral.conftest import image_bytes, pdf_bytes, upload_file


def test_page_one_of_a_pdf_is_rendered_to_webp(tmp_path, real_previews):
    path = tmp_path / "deck.pdf"
    path.write_bytes(pdf_bytes(pages=3))
    data = preview.pdf_preview(str(path))
    image = Image.open(io.BytesIO(data))
    assert image.format == "WEBP"
    assert image.width == preview.PREVIEW_WIDTH


def test_a_pdf_the_renderer_cannot_read_gets_no_preview(tmp_path, real_previews):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj garbage endobj\nstartxref\n0\n%%EOF")
    assert preview.pdf_preview(str(path)) is None


def test_a_render_that_takes_too_long_is_abandoned(tmp_path, real_previews):
    path = tmp_path / "deck.pdf"
    path.write_bytes(pdf_bytes())
    assert preview.pdf_preview(str(path), timeout=0.001) is None


def test_an_unrenderable_pdf_is_still_uploaded(marketer_client, marketer, stages, real_previews):
    response = marketer_client.post(
        reverse("collateral:upload"),
        {
            "title": "Odd PDF",
            "asset_type": "deck",
            "stages": [stages["decision"].pk],
            "owner": marketer.pk,
            "file": upload_file("odd.pdf", b"%PDF-1.7\ngarbage\nstartxref\n0\n%%EOF"),
        },
    )
    assert response.status_code == 302
    version = AssetVersion.objects.get()
    assert not version.preview
    body = marketer_client.get(version.asset.get_absolute_url()).content.decode()
    assert "No preview for this PDF document" in body
    assert 'class="type-icon type-icon--pdf' in body


def test_an_image_thumbnail_is_re_encoded_without_metadata():
    source = Image.new("RGB", (2000, 1000), "#1f5fbf")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # a GPS IFD
    exif[0x010E] = "<script>alert(1)</script>"
    buffer = io.BytesIO()
    source.save(buffer, "JPEG", exif=exif)
    data = preview.image_preview(buffer)
    thumbnail = Image.open(io.BytesIO(data))
    assert thumbnail.format == "WEBP"
    assert thumbnail.width == preview.PREVIEW_WIDTH
    assert not thumbnail.getexif()
    assert b"<script" not in data


def test_a_png_text_chunk_does_not_reach_the_thumbnail():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(document.cookie)</script>")
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, "PNG", pnginfo=info)
    assert b"<script" in buffer.getvalue()
    assert b"<script" not in preview.image_preview(buffer)


def test_a_child_caps_its_memory_and_cpu_before_it_does_any_work():
    import subprocess
    import sys

    from personas import sandbox

    code = (
        "import sys\n"
        "from resource import RLIMIT_AS, RLIMIT_CPU, getrlimit\n"
        "from personas import sandbox\n"
        "def work(path, max_pixels):\n"
        "    return repr((getrlimit(RLIMIT_AS), getrlimit(RLIMIT_CPU))).encode()\n"
        "sys.exit(sandbox.child_main(['child', 'x.png', '1'], 'usage', work))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=sandbox.PROJECT_DIR, capture_output=True, check=True
    )
    memory, cpu = sandbox.CHILD_MEMORY_BYTES, sandbox.CHILD_CPU_SECONDS
    assert result.stdout.decode() == repr(((memory, memory), (cpu, cpu)))


def test_an_image_is_checked_and_thumbnailed_in_the_child_only(monkeypatch):
    from personas import sandbox

    started = []
    real_run = sandbox.run_child
    monkeypatch.setattr(
        sandbox, "run_child", lambda *args, **kw: started.append(args) or real_run(*args, **kw)
    )
    data = preview.image_preview(io.BytesIO(image_bytes("PNG", size=(900, 300))), 10**6)
    assert [args[:2] for args in started] == [("collateral.preview", "image")]
    assert Image.open(io.BytesIO(data)).size == (640, 213)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (image_bytes("PNG", size=(90, 90))[:-30], "unreadable"),
        (image_bytes("PNG", size=(101, 100)), "too_many_pixels"),
        (b"not an image", "unreadable"),
    ],
)
def test_the_child_says_why_it_refused_an_image(data, reason):
    with pytest.raises(preview.ImageRefused) as refused:
        preview.image_preview(io.BytesIO(data), 100 * 100)
    assert refused.value.reason == reason


def test_an_image_child_that_runs_out_of_time_refuses_it(monkeypatch):
    from personas import sandbox

    real_run = sandbox.run_child
    monkeypatch.setattr(
        sandbox, "run_child", lambda *args, **kw: real_run(*args, **{**kw, "timeout": 0.001})
    )
    with pytest.raises(preview.ImageRefused) as refused:
        preview.image_preview(io.BytesIO(image_bytes("PNG")), 10**6)
    assert refused.value.reason == "unchecked"
