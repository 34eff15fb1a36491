"""Words a PDF broke at a line end with a hyphen are found by search, in either reading:
PDFium hands the text over as "guaran<U+FFFE>teed", which both engines split in two."""

import pytest
from django.urls import reverse
from PIL import Image

from collateral import textpdf
from collateral.models import Asset
from tests.search.conftest import upload

pytestmark = pytest.mark.django_db

# One page of three lines, as a layout program sets them.
LINES = ["Brightline promised guaran-", "teed savings with zero-", "touch exceptions"]
BROKEN = textpdf.with_text_layer([Image.new("RGB", (320, 180), "white")], [LINES])


def found(client, q: str) -> bool:
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return "Hyphen case study" in response.content.decode()


@pytest.fixture
def broken_pdf(marketer_client, marketer, stages) -> Asset:
    return upload(
        marketer_client,
        stages,
        marketer,
        title="Hyphen case study",
        data=BROKEN,
        filename="hyphen.pdf",
        asset_type="case_study",
    )


def test_the_pdf_text_carries_pdfiums_line_end_mark(broken_pdf):
    text = broken_pdf.current_version.pages.get().text
    assert "guaran\ufffeteed" in text


@pytest.mark.parametrize("q", ["guaranteed", "zero-touch", "zero touch exceptions"])
def test_a_word_broken_at_a_line_end_is_found(rep_client, broken_pdf, q):
    assert found(rep_client, q)
