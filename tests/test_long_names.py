"""A 120-letter persona name (and a long asset title) never widens a page in a 1,280 px
window: measured in Chromium on every page that lists names."""

import shutil

import pytest
from django.conf import settings
from django.urls import reverse

from collateral.models import Asset, AssetVersion, BuyingStage
from personas.models import Persona
from tests.conftest import client_for

CHROMIUM = "/usr/bin/chromium"
LONG_NAME = "Supercalifragilistic" * 6  # 120 letters, no break opportunity

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium is not installed"),
]

# The right edge of the rightmost visible text (text that overflows its box counts; text
# clipped away for screen readers does not), and of the document itself.
RIGHT_EDGE = """() => {
  let right = document.documentElement.scrollWidth;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent.closest(".visually-hidden, [hidden], option")) continue;
    range.selectNodeContents(walker.currentNode);
    for (const rect of range.getClientRects()) right = Math.max(right, rect.right);
  }
  return Math.round(right);
}"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_120_letter_name_wraps_on_every_page_at_1280_px(live_server, marketer):
    persona = Persona.objects.create(
        name=LONG_NAME, slug="long", buying_role="user", summary="-", status="published"
    )
    asset = Asset.objects.create(
        title="Quarterly" + "Review" * 20, asset_type="deck", owner=marketer, status="published"
    )
    asset.personas.set([persona])
    asset.stages.set(BuyingStage.objects.filter(slug="decision"))
    asset.current_version = AssetVersion.objects.create(
        asset=asset,
        number=1,
        file="collateral/x.pdf",
        original_filename="x.pdf",
        size=1,
        sha256="0" * 64,
        content_type="application/pdf",
        extension="pdf",
    )
    asset.save()
    library = reverse("collateral:library")
    paths = [
        reverse("personas:list"),
        persona.get_absolute_url(),
        f"{library}?view=cards",
        f"{library}?view=table",
        f"{library}?persona=long&view=table",
        asset.get_absolute_url(),
        reverse("collateral:audit_coverage"),
    ]
    from playwright.sync_api import sync_playwright

    cookie = client_for(marketer).cookies[settings.SESSION_COOKIE_NAME].value
    edges = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
            )
            page = context.new_page()
            for path in paths:
                page.goto(live_server.url + path)
                # Open the library's "more filters" so its persona <select> is measured too.
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                assert LONG_NAME[:40] in page.content()
                edges[path] = page.evaluate(RIGHT_EDGE)
        finally:
            browser.close()
    assert edges == dict.fromkeys(paths, 1280)
