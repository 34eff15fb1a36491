"""A file no text could be read from gets one explanation everywhere it is mentioned: a
damaged file is not called a scan, and a scan is not called damaged."""

import pytest
from django.urls import reverse

from collateral.models import Asset, BuyingStage
from collateral.preview import TextStatus
from tests.collateral.conftest import pdf_bytes, upload_file

pytestmark = pytest.mark.django_db

DAMAGED = b"%PDF-1.4\n% not a real document\ntrailer\n<<>>\nstartxref\n0\n%%EOF\n"
REASON_DAMAGED = "it could not be read: the file may be damaged, or too big to read"
REASON_SCAN = "no text in it: a scan, or text saved as pictures?"


def upload(client, data: bytes):
    form = {
        "title": "Odd file",
        "asset_type": Asset.Type.CASE_STUDY,
        "stages": [BuyingStage.objects.get(slug="decision").pk],
        "owner": client.session["_auth_user_id"],
        "file": upload_file("odd.pdf", data),
    }
    return client.post(reverse("collateral:upload"), form, follow=True)


@pytest.mark.parametrize(
    ("data", "status", "reason", "wrong"),
    [
        (DAMAGED, TextStatus.FAILED, REASON_DAMAGED, REASON_SCAN),
        (pdf_bytes(), TextStatus.EMPTY, REASON_SCAN, REASON_DAMAGED),
    ],
)
def test_the_upload_message_the_banner_and_the_check_give_one_reason(
    marketer_client, data, status, reason, wrong
):
    response = upload(marketer_client, data)
    version = Asset.objects.get().current_version
    assert version.text_status == status
    body = response.content.decode()
    assert f"No text found in “odd.pdf” ({reason})" in body  # the message after upload
    assert f"No text found in version 1 ({reason}):" in body  # the page's banner
    assert f"in version 1 ({reason}), so it could not be checked" in body  # the drift check
    assert wrong not in body


def test_an_image_preview_is_not_called_a_first_page(marketer_client):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, "PNG")
    form = {
        "title": "Logo",
        "asset_type": Asset.Type.OTHER,
        "stages": [BuyingStage.objects.get(slug="decision").pk],
        "owner": marketer_client.session["_auth_user_id"],
        "file": upload_file("logo.png", buffer.getvalue()),
    }
    body = marketer_client.post(reverse("collateral:upload"), form, follow=True).content.decode()
    assert 'alt="Preview of Logo"' in body
    assert '<figcaption class="small muted">Version 1</figcaption>' in body
    assert "First page" not in body
