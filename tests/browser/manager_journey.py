"""Manager: the unused report, two assets retired after confirming, the CSV, a coverage cell."""

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import expect

from collateral.models import Asset
from tests.browser.pages import Visit


def audit_and_retire(visit: Visit, tmp_path: Path) -> None:
    page = visit.page
    visit.check(shot="home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit").click()
    visit.check(shot="audit")
    reports = page.get_by_role("navigation", name="Audit reports")
    reports.get_by_role("link", name="Unused").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unused collateral")
    visit.check(shot="unused")

    rows = page.get_by_role("checkbox", name=re.compile(r"^Select (?!every row)"))
    assert rows.count() >= 2
    titles = []
    for box in rows.all()[:2]:
        box.check()
        titles.append(_label_of(box).removeprefix("Select "))
    expect(page.get_by_text("(2 selected)")).to_be_visible()
    page.get_by_role("button", name="Retire…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retire 2 assets?")
    for title in titles:
        expect(page.get_by_role("main").get_by_text(title, exact=True)).to_be_visible()
    visit.check(shot="confirm-retire")
    assert Asset.objects.filter(title__in=titles, status=Asset.Status.RETIRED).count() == 0
    page.get_by_role("button", name="Retire 2 assets").click()
    expect(page.get_by_role("status")).to_be_visible()
    visit.check()
    assert Asset.objects.filter(title__in=titles, status=Asset.Status.RETIRED).count() == 2
    for title in titles:
        expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)

    # Both unused demo assets are gone now, so the CSV comes from the coverage report, where
    # the retirement shows as fewer assets in their cells.
    reports.get_by_role("link", name="Coverage").click()
    visit.check(shot="coverage")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    filename = download.suggested_filename
    assert re.fullmatch(r"onevoice-coverage-\d+d-\d{4}-\d\d-\d\d\.csv", filename), filename
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    table = {(row["Persona"], row["Stage"]): row for row in csv.DictReader(io.StringIO(text))}
    personas = page.get_by_role("table").get_by_role("rowheader").all_inner_texts()
    stages = page.get_by_role("table").get_by_role("columnheader").all_inner_texts()[1:]
    assert set(table) == {(persona, stage) for persona in personas for stage in stages}
    for (persona, stage), row in table.items():
        cell = page.get_by_role("link", name=re.compile(f"for {persona} at {stage};"))
        expect(cell).to_contain_text(f"{row['Assets']} asset")
    retired_cell = table[("Operations Olivia", "Onboarding & expansion")]
    assert int(retired_cell["Assets"]) == (
        Asset.objects.published()
        .filter(personas__name="Operations Olivia", stages__name="Onboarding & expansion")
        .count()
    )

    page.get_by_role(
        "link", name=re.compile(r"for Finance Fiona at Decision; open in the library")
    ).click()
    quick = page.get_by_role("navigation", name="Quick filters")
    expect(quick.get_by_role("link", name="Finance Fiona")).to_have_attribute(
        "aria-current", "true"
    )
    expect(quick.get_by_role("link", name="Decision")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("link", name="Payback model walkthrough").first).to_be_visible()
    visit.check(shot="library-filtered")
    visit.finish()


def _label_of(box) -> str:
    """The text of the <label> that names a checkbox."""
    return box.evaluate("box => box.labels[0].textContent.trim()")
