"""Rep: from home to the persona's decision-stage deck, downloaded, rated; then a request."""

import re
from pathlib import Path

from playwright.sync_api import expect

from collateral.models import Asset, ContentRequest, Download, Feedback
from tests.browser.pages import Visit

PERSONA = "Finance Fiona"
DECK = "Payback model walkthrough"
REQUEST = "A one-page ROI summary Fiona can forward to her CEO before the board meeting."


def prepare_a_call(visit: Visit, tmp_path: Path) -> str:
    """The rep's path before a call; returns the text of the request they sent."""
    page = visit.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ravi")
    visit.check(shot="home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Personas").click()
    visit.check()
    page.get_by_role("link", name=PERSONA).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PERSONA)
    visit.check(shot="persona")

    decision = page.get_by_role("region", name="Decision")
    decision.get_by_role("link", name=DECK, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(DECK)
    visit.check(shot="deck")

    deck = Asset.objects.select_related("current_version").get(title=DECK)
    before = Download.objects.filter(asset=deck).count()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download {DECK}").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == deck.current_version.download_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-"
    assert saved.stat().st_size == deck.current_version.size
    assert Download.objects.filter(asset=deck).count() == before + 1

    rating = page.get_by_role("group", name="How useful is it?")
    rating.get_by_label("5 – Excellent, it won the conversation").check()
    page.get_by_label("Comment").fill("Walked the CFO through the payback slide; it landed.")
    # The demo rep may have rated this deck before: then the same form updates that rating.
    page.get_by_role("button", name=re.compile(r"^(Save|Update) my rating$")).click()
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"Thanks, your rating is saved\.|Your rating is updated\.")
    )
    visit.check()
    assert Feedback.objects.get(asset=deck, user__username="rep").rating == 5

    # Back on the persona page: the library has no ROI one-pager for the board, so ask.
    page.go_back()
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PERSONA)
    page.get_by_role("link", name="Missing something? Request material").click()
    expect(page.get_by_label("Persona", exact=True)).to_have_value(str(deck.personas.get().pk))
    visit.check(shot="request")
    page.get_by_label("Stage").select_option(label="Decision")
    page.get_by_label("Type of material").select_option(label="One-pager")
    page.get_by_label("What do you need?").fill(REQUEST)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your requests")
    expect(page.get_by_text(REQUEST)).to_be_visible()
    visit.check()
    assert ContentRequest.objects.filter(requester__username="rep", description=REQUEST).exists()
    visit.finish()
    return REQUEST
