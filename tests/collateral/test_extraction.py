"""File text: extracted once per version, per page / slide / sheet, in the guarded child."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from collateral import demo_files, demo_office, preview, textextract, textpdf
from collateral.extraction import page_texts
from collateral.models import AssetVersion, VersionPage
from collateral.preview import TextStatus
from tests.collateral.conftest import ooxml_bytes, upload_file

DECK = [
    ("Every exception costs you twice", ["Carrier chargebacks hit the P&L"], "Ask for totals"),
    ("Proof from customers", ["Northwind cut exceptions"], "Mention the zeppelin pilot"),
]


def deck_bytes() -> bytes:
    cover = demo_files.cover("Payback model", "For CFOs", 3)
    return demo_office.pptx("Payback model", "For CFOs", DECK, thumbnail=cover)


def playbook_bytes() -> bytes:
    return demo_office.docx(
        "Exception desk playbook",
        [
            ("Who owns what", ["Set up the desk"], [["Exception", "Owner"], ["Short", "Lead"]]),
            ("Week one", ["The morning stand-up reviews the quokka queue"], []),
        ],
    )


def text_pdf(pages: list[str]) -> bytes:
    images = [Image.new("RGB", (320, 180), "white") for _ in pages]
    return textpdf.with_text_layer(images, [[text] for text in pages])


def xlsx_bytes(sheets: dict[str, list[list[str]]]) -> bytes:
    """A minimal workbook: shared strings for text, inline numbers, one part per sheet."""
    shared: list[str] = []
    parts = {}
    for index, rows in enumerate(sheets.values(), start=1):
        xml_rows = []
        for row in rows:
            cells = []
            for value in row:
                if value.isdigit():
                    cells.append(f"<c><v>{value}</v></c>")
                else:
                    shared.append(value)
                    cells.append(f'<c t="s"><v>{len(shared) - 1}</v></c>')
            xml_rows.append(f"<row>{''.join(cells)}</row>")
        parts[f"xl/worksheets/sheet{index}.xml"] = (
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{''.join(xml_rows)}</sheetData></worksheet>"
        )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_list = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(sheets, start=1)
    )
    rels = (
        "".join(
            f'<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(sheets) + 1)
        )
        + f'<Relationship Id="rIdS" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
    )
    strings = "".join(f"<si><t>{value}</t></si>" for value in shared)
    return ooxml_bytes(
        "xlsx",
        extra={
            **parts,
            "xl/_rels/workbook.xml.rels": "<Relationships xmlns='http://schemas.openxmlformats"
            f".org/package/2006/relationships'>{rels}</Relationships>",
            "xl/sharedStrings.xml": f'<sst xmlns="{main}">{strings}</sst>',
        },
        main_part=(
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{sheet_list}</sheets></workbook>'
        ),
    )


def extract(tmp_path, kind: str, data: bytes) -> list[textextract.Page]:
    path = tmp_path / f"file.{kind}"
    path.write_bytes(data)
    return textextract.EXTRACTORS[kind](str(path))


def test_pdf_text_is_kept_per_page(tmp_path):
    pages = extract(tmp_path, "pdf", text_pdf(["Cover page", "", "Chargebacks on page three"]))
    assert [(page.number, page.text) for page in pages] == [
        (1, "Cover page"),
        (3, "Chargebacks on page three"),
    ]


def test_an_image_only_pdf_has_no_text(tmp_path):
    from tests.collateral.conftest import pdf_bytes

    assert extract(tmp_path, "pdf", pdf_bytes(pages=2)) == []


def test_powerpoint_text_is_kept_per_slide_with_its_speaker_notes(tmp_path):
    pages = extract(tmp_path, "pptx", deck_bytes())
    assert [page.number for page in pages] == [1, 2, 3]
    assert pages[0].text == "Payback model\nFor CFOs"
    assert "Carrier chargebacks hit the P&L" in pages[1].text
    assert "Ask for totals" in pages[1].text
    assert "zeppelin" in pages[2].text


def test_word_paragraphs_and_tables_are_kept_per_page(tmp_path):
    pages = extract(tmp_path, "docx", playbook_bytes())
    assert [page.number for page in pages] == [1, 2]
    assert "Set up the desk" in pages[0].text
    assert "Short\nLead" in pages[0].text  # table cells
    assert "quokka" in pages[1].text


def test_excel_cells_are_kept_per_sheet_with_the_sheet_name(tmp_path):
    data = xlsx_bytes({"Prices": [["Plan", "Seats"], ["Growth", "250"]], "Notes": [["Tapir"]]})
    pages = extract(tmp_path, "xlsx", data)
    assert [(page.number, page.name) for page in pages] == [(1, "Prices"), (2, "Notes")]
    assert pages[0].text == "Plan Seats\nGrowth 250"
    assert pages[1].text == "Tapir"


def test_an_office_part_with_a_doctype_is_refused_and_no_entity_is_resolved(tmp_path):
    marker = tmp_path / "secret.txt"
    marker.write_text("TOP-SECRET-MARKER")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{marker}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "xxe.docx"
    path.write_bytes(ooxml_bytes("docx", main_part=document))
    with pytest.raises(textextract.UnsafeXML):
        textextract.docx_pages(str(path))
    made = preview.work("docx", str(path))
    assert made["text"] == TextStatus.FAILED
    assert "TOP-SECRET" not in str(made)


def test_a_text_bomb_stops_at_the_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(textextract, "MAX_TEXT_CHARS", 1000)
    runs = "".join(f"<w:p><w:r><w:t>{'word ' * 100}</w:t></w:r></w:p>" for _ in range(100))
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{runs}</w:body></w:document>"
    )
    path = tmp_path / "big.docx"
    path.write_bytes(ooxml_bytes("docx", main_part=document))
    pages = textextract.docx_pages(str(path))
    assert 0 < sum(len(page.text) for page in pages) <= 1000


def test_clean_text_drops_nul_and_lone_surrogates():
    assert textextract.clean("a\x00b \ud800c\r\n\r\n\r\nd  e") == "ab ?c\n\nd e"


def test_the_child_extracts_text_under_its_limits(tmp_path, real_previews):
    path = tmp_path / "deck.pdf"
    path.write_bytes(text_pdf(["Hello from the child"]))
    processed = preview.process_file(str(path), "pdf")
    assert processed.text_status == TextStatus.FOUND
    assert [(page.number, page.text) for page in processed.pages] == [(1, "Hello from the child")]
    assert processed.preview.startswith(b"RIFF")


def test_a_child_that_runs_out_of_time_reports_failed_text(tmp_path, real_previews):
    path = tmp_path / "deck.pdf"
    path.write_bytes(text_pdf(["Slow"]))
    processed = preview.process_file(str(path), "pdf", timeout=0.001)
    assert processed.text_status == TextStatus.FAILED
    assert processed.pages == []


def upload(client, stages, marketer, name: str, data: bytes):
    return client.post(
        reverse("collateral:upload"),
        {
            "title": "Uploaded",
            "asset_type": "deck",
            "stages": [stages["decision"].pk],
            "owner": marketer.pk,
            "publish": "on",
            "file": upload_file(name, data),
        },
        follow=True,
    )


def test_an_uploaded_deck_stores_its_slides_and_uses_its_thumbnail_as_preview(
    marketer_client, marketer, stages
):
    response = upload(marketer_client, stages, marketer, "deck.pptx", deck_bytes())
    assert response.status_code == 200
    version = AssetVersion.objects.get()
    assert version.text_status == TextStatus.FOUND
    assert [number for number, _text in page_texts(version)] == [1, 2, 3]
    assert version.pages.get(number=3).label == "slide 3"
    assert version.preview.read()[:4] == b"RIFF"
    assert "No text found" not in response.content.decode()


def test_a_file_with_no_text_is_stored_and_marketing_is_told(marketer_client, marketer, stages):
    broken = ooxml_bytes("docx", main_part="<w:document><not closed")
    response = upload(marketer_client, stages, marketer, "broken.docx", broken)
    assert response.status_code == 200
    version = AssetVersion.objects.get()
    assert version.file.read() == broken
    assert version.text_status == TextStatus.FAILED
    assert not version.pages.exists()
    body = response.content.decode()
    assert "No text found in “broken.docx”" in body
    assert "No text found in version 1" in body


def test_a_rep_is_not_told_about_missing_text(rep_client, make_asset):
    asset = make_asset()
    AssetVersion.objects.update(text_status=TextStatus.EMPTY)
    assert "No text found" not in rep_client.get(asset.get_absolute_url()).content.decode()


def test_a_new_version_gets_its_own_pages_and_the_old_ones_stay(marketer_client, marketer, stages):
    upload(marketer_client, stages, marketer, "deck.pdf", text_pdf(["First wording"]))
    asset = AssetVersion.objects.get().asset
    marketer_client.post(
        reverse("collateral:version_new", args=[asset.uuid]),
        {"file": upload_file("deck.pdf", text_pdf(["Second wording"])), "note": "v2"},
    )
    old, new = AssetVersion.objects.order_by("number")
    assert page_texts(old) == [(1, "First wording")]
    assert page_texts(new) == [(1, "Second wording")]


def test_reindex_extracts_what_is_pending_resumes_and_is_safe_to_run_twice(make_asset):
    deck = make_asset("Deck", data=text_pdf(["Alpha page", "Beta page"]))
    other = make_asset("Other", data=text_pdf(["Gamma page"]))
    assert set(AssetVersion.objects.values_list("text_status", flat=True)) == {"pending"}
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "Text extracted from 2 versions (0 with no text found)" in out.getvalue()
    assert "Extracting text: 2/2" in out.getvalue()
    assert page_texts(deck.current_version) == [(1, "Alpha page"), (2, "Beta page")]
    rows = VersionPage.objects.count()
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "from 0 versions" in out.getvalue()
    assert VersionPage.objects.count() == rows
    # A run stopped half-way left the rest pending: only those are read next time.
    AssetVersion.objects.filter(pk=other.current_version.pk).update(text_status="pending")
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "from 1 version " in out.getvalue()
    assert page_texts(other.current_version) == [(1, "Gamma page")]
    assert VersionPage.objects.count() == rows


def test_reindex_gives_an_office_file_without_a_preview_its_thumbnail(make_asset):
    asset = make_asset("Deck", data=deck_bytes(), filename="deck.pptx")
    AssetVersion.objects.update(extension="pptx")
    call_command("reindex", stdout=io.StringIO())
    version = AssetVersion.objects.get()
    assert version.preview
    assert version.text_status == TextStatus.FOUND
    assert asset.current_version.pages.count() == 3


def test_demo_office_files_carry_their_cover_as_thumbnail():
    with zipfile.ZipFile(io.BytesIO(deck_bytes())) as archive:
        thumbnail = Image.open(io.BytesIO(archive.read("docProps/thumbnail.jpeg")))
    assert thumbnail.width == 512
