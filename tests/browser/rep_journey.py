"""Rep: a pain word searched from home, the persona's decision-stage deck downloaded and
rated, a request for what is missing; then marketing's new version of that deck, announced."""

import re
from pathlib import Path

from playwright.sync_api import expect

from collateral.models import Asset, ContentRequest, Download, Feedback
from tests.browser.marketer_journey import pdf_file
from tests.browser.pages import Visit

PERSONA = "Finance Fiona"
# A pain on Fiona's page ("Carrier chargebacks and late-delivery penalties hit the P&L...").
PAIN = "chargebacks"
DECK = "Payback model walkthrough"
REQUEST = "A one-page ROI summary Fiona can forward to her CEO before the board meeting."


def prepare_a_call(visit: Visit, tmp_path: Path) -> str:
    """The rep's path before a call; returns the text of the request they sent."""
    page = visit.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ravi")
    visit.check(shot="home")

    # The header's search box, submitted with Enter: the results come grouped by kind.
    search = page.get_by_role("search")
    search.get_by_label("Search personas, messaging and collateral").fill(PAIN)
    search.get_by_label("Search personas, messaging and collateral").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("status")).to_contain_text(f"for “{PAIN}”")
    personas = page.get_by_role("region", name=re.compile(r"^Personas \d+$"))
    expect(personas.get_by_role("heading", level=2)).to_contain_text("Personas")
    expect(personas.get_by_text(PAIN).first).to_be_visible()
    visit.check(shot="search")
    personas.get_by_role("link", name=PERSONA, exact=True).click()
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


def hear_of_a_new_version(visit: Visit, marketer: Visit, tmp_path: Path) -> None:
    """Marketing uploads version 2 of the deck the rep downloaded; the rep is told where he looks.

    `visit` is the rep's page after `prepare_a_call`, `marketer` a second context signed in as
    marketing, which finds the deck with the header search and uses its new-version form.
    """
    page, desk = visit.page, marketer.page
    marketer.check()
    search = desk.get_by_role("search")
    search.get_by_label("Search personas, messaging and collateral").fill(DECK)
    search.get_by_label("Search personas, messaging and collateral").press("Enter")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Search")
    marketer.check()
    collateral = desk.get_by_role("region", name=re.compile(r"^Collateral \d+$"))
    collateral.get_by_role("link", name=DECK, exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(DECK)
    marketer.check()
    desk.get_by_role("link", name="Upload a new version").click()
    marketer.check()
    second = pdf_file(tmp_path / f"{DECK} v2.pdf", "Payback model, with the 2026 prices")
    desk.get_by_label("New file").set_input_files(second)
    desk.get_by_label("What changed").fill("2026 prices")
    desk.get_by_role("button", name="Upload version").click()
    # Maya downloaded the deck too, so her page now has two statuses: the message and her own
    # "newer version" notice.
    expect(desk.get_by_role("status").filter(has_text="Version 2 is now current.")).to_be_visible()
    # The answer replaced <main> after "load", so its new preview is fetched afterwards: wait
    # for it, so that the server is idle when this test reads the database below.
    preview = desk.get_by_role("img", name=f"Preview of the first page of {DECK}")
    expect(preview).to_have_js_property("complete", True)
    marketer.check()
    marketer.finish()

    # Ravi downloaded version 1 before the call: home now says his copy is old.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    outdated = page.get_by_role("article", name=re.compile(r"^Your outdated copies"))
    notice = outdated.get_by_role("listitem").filter(
        has_text=f"You have v1 of {DECK}; a newer version, v2, is current."
    )
    expect(notice).to_contain_text("“2026 prices”")
    visit.check(shot="newer-version")
    deck = Asset.objects.select_related("current_version").get(title=DECK)
    assert deck.current_version.number == 2
    assert deck.current_version.note == "2026 prices"
    expect(notice.get_by_role("link", name="Download v2")).to_have_attribute(
        "href", f"{deck.get_download_url()}?source=notice"
    )

    # The deck's own page carries the same notice, and its download is the new file.
    notice.get_by_role("link", name=DECK, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(DECK)
    banner = page.get_by_role("status").filter(has_text="a newer version, v2, is current.")
    expect(banner).to_contain_text(f"You have v1 of {DECK}")
    visit.check()
    with page.expect_download() as download_info:
        banner.get_by_role("link", name="Download v2").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == deck.current_version.download_filename
    assert Path(download.path()).read_bytes() == second.read_bytes()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text(DECK)
    expect(page.get_by_text("a newer version, v2, is current.")).to_have_count(0)
    visit.check()
    visit.finish()
