"""Collateral fixtures: real small files built in memory, and an asset factory."""

import base64
import email.message
import email.utils
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from collateral.models import Asset, AssetVersion, BuyingStage
from collateral.textextract import Page
from personas.models import Persona


def pdf_bytes(pages: int = 1, text: str = "Brightline Flow") -> bytes:
    """A real (image-based) PDF written by Pillow."""
    images = []
    for number in range(pages):
        image = Image.new("RGB", (320, 180), "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, 320, 40), fill="#1f5fbf")
        draw.text((12, 12), f"{text} {number + 1}", fill="white")
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 48), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1f5fbf").save(buffer, fmt, **save)
    return buffer.getvalue()


OOXML = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}


def ooxml_bytes(
    kind: str = "docx",
    *,
    main_type: str | None = None,
    extra: dict[str, bytes] | None = None,
    content_types: bool = True,
    main_part: str = "<document/>",
) -> bytes:
    """A minimal Office Open XML package: [Content_Types].xml plus the main part."""
    part, part_type = OOXML[kind]
    part_type = main_type or part_type
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                f'2006/content-types"><Override PartName="/{part}" ContentType="{part_type}"/>'
                "</Types>",
            )
        archive.writestr(part, main_part)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def mp4_bytes() -> bytes:
    return b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x08free" * 4


def upload_file(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def disposition_names(header: str) -> tuple[str, str]:
    """Parse Content-Disposition strictly (the e-mail parser): exactly one `attachment`, and the
    plain `filename` plus the real name (`filename*`, RFC 2231/6266, or the plain one)."""
    message = email.message.Message()
    message["Content-Disposition"] = header
    assert message.get_content_disposition() == "attachment"
    params = message.get_params(header="Content-Disposition")[1:]
    plain = [value for key, value in params if key == "filename" and isinstance(value, str)]
    extended = [value for key, value in params if key == "filename" and isinstance(value, tuple)]
    assert len(plain) == 1
    assert len(extended) <= 1
    assert len(params) == len(plain) + len(extended)
    return plain[0], (email.utils.collapse_rfc2231_value(extended[0]) if extended else plain[0])


def media_listing(root) -> set[str]:
    root = Path(root)
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture(autouse=True)
def fast_pdf_previews(request, monkeypatch):
    """Do the preview child's work in the test process (starting it costs about 0.1 s per
    upload) unless a test asks for `real_previews`; previews and text are still real."""
    if "real_previews" in request.fixturenames:
        return
    from collateral import preview

    def in_process(path, kind, timeout=None):
        if kind not in preview.CHILD_KINDS:
            return preview.Processed()
        made = preview.work(kind, str(path))
        return preview.Processed(
            preview=base64.b64decode(made["preview"]) if made["preview"] else None,
            pages=[Page(number, text, name) for number, name, text in made["pages"]],
            text_status=made["text"],
        )

    monkeypatch.setattr(preview, "process_file", in_process)


@pytest.fixture
def real_previews():
    """Marker fixture: render PDF previews with the real subprocess."""


@pytest.fixture
def stages(db) -> dict[str, BuyingStage]:
    return {stage.slug: stage for stage in BuyingStage.objects.all()}


@pytest.fixture
def persona(db) -> Persona:
    return Persona.objects.create(
        name="Finance Fiona",
        slug="finance-fiona",
        buying_role=Persona.BuyingRole.ECONOMIC_BUYER,
        summary="CFO of a mid-market distributor.",
        status=Persona.Status.PUBLISHED,
    )


@pytest.fixture
def other_persona(db) -> Persona:
    return Persona.objects.create(
        name="Operations Olivia",
        slug="operations-olivia",
        buying_role=Persona.BuyingRole.USER,
        summary="Runs the warehouse floor.",
        status=Persona.Status.PUBLISHED,
    )


@pytest.fixture
def make_asset(marketer, stages):
    """Create an asset with stored versions directly (no upload form, no preview process)."""

    def make(
        title: str = "ROI deck",
        *,
        status: str = Asset.Status.PUBLISHED,
        owner=None,
        personas=(),
        stage_slugs=("decision",),
        asset_type: str = Asset.Type.DECK,
        versions: int = 1,
        data: bytes | None = None,
        filename: str = "ROI deck.pdf",
        description: str = "",
    ) -> Asset:
        asset = Asset.objects.create(
            title=title,
            description=description,
            asset_type=asset_type,
            owner=owner or marketer,
            status=status,
        )
        asset.stages.set([stages[slug] for slug in stage_slugs])
        asset.personas.set(personas)
        content = data if data is not None else pdf_bytes()
        for number in range(1, versions + 1):
            stored = content + bytes([number])  # each version's bytes differ
            version = AssetVersion(
                asset=asset,
                number=number,
                original_filename=filename,
                size=len(stored),
                sha256=hashlib.sha256(stored).hexdigest(),
                content_type="application/pdf",
                extension="pdf",
                uploaded_by=marketer,
                note=f"Version {number}",
            )
            version.file.save("x", ContentFile(stored), save=False)
            version.save()
        asset.current_version = version
        asset.save(update_fields=["current_version"])
        return asset

    return make


@pytest.fixture
def asset(make_asset, persona) -> Asset:
    return make_asset(personas=[persona])
