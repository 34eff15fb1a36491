"""An upload never grows the web worker by much, however many pixels its image decodes to
(issue #14, point 4): images are decoded, checked and thumbnailed in the limited child."""

from django.urls import reverse
from PIL import Image

from collateral.models import Asset, AssetVersion
from tests.collateral.conftest import upload_file
from tests.measure import MB, peak_memory_growth

WORKER_BUDGET = 64 * MB


def test_a_40_megapixel_png_costs_the_web_worker_less_than_64_mb(
    marketer_client, marketer, stages, png_39_9_megapixels
):
    data = png_39_9_megapixels
    with Image.open(upload_file("x.png", data)) as header:
        assert header.width * header.height == 39_858_000  # just under the 40 MP cap
    assert len(data) < 200 * 1024
    with peak_memory_growth() as measured:
        response = marketer_client.post(
            reverse("collateral:upload"),
            {
                "title": "Trade show poster",
                "asset_type": Asset.Type.IMAGE,
                "stages": [stages["awareness"].pk],
                "owner": marketer.pk,
                "file": upload_file("poster.png", data, "image/png"),
            },
        )
    assert response.status_code == 302
    version = AssetVersion.objects.get()
    assert version.content_type == "image/png"
    with version.preview.open("rb") as preview, Image.open(preview) as thumbnail:
        assert thumbnail.format == "WEBP"
        assert thumbnail.width == 640
    # Decoded in this process, the image alone is 120 MB, and its copies several times that.
    assert measured["growth"] < WORKER_BUDGET, f"grew by {measured['growth'] / MB:.0f} MB"
