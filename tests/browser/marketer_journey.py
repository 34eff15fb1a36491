"""Marketer: a 30 MB upload with a moving progress bar, a new version, and a request answered."""

import hashlib
import os
import time
from pathlib import Path

from playwright.sync_api import expect

from collateral.models import Asset, ContentRequest
from tests.browser.pages import Visit

TITLE = "Board-ready ROI summary"
BIG = 30 * 1024 * 1024
# The upload is throttled to this many bytes a second so the bar is seen moving: about 3 s
# for 30 MB. Unthrottled, the local live server takes the whole file in a blink.
UPLOAD_BYTES_PER_SECOND = 10 * 1024 * 1024
UPLOAD_TIMEOUT = 120  # seconds; a failed upload leaves the bar on the page


def pdf_file(path: Path, text: str, padding: int = 0) -> Path:
    """A one-page PDF saying `text`, grown to about `padding` bytes by an unused stream.

    Written by hand (offsets and all) so its size is exact enough and nothing is rendered:
    random bytes cannot be compressed, so the upload really moves 30 MB.
    """
    content = f"BT /F1 28 Tf 72 700 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (padding, os.urandom(padding)),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def publish_and_answer(visit: Visit, tmp_path: Path, request_text: str) -> None:
    page = visit.page
    visit.check(shot="home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Collateral").click()
    visit.check(shot="library")
    page.get_by_role("link", name="Upload an asset").first.click()
    visit.check()

    first = pdf_file(tmp_path / "Board ROI summary.pdf", "Board ROI summary, first cut", BIG)
    page.get_by_label("File", exact=True).set_input_files(first)
    page.get_by_label("Version note").fill("First cut for the CFO board pack")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Type", exact=True).select_option(label="One-pager")
    page.get_by_label("Description").fill("One page: payback, cost per order, board language.")
    page.get_by_role("group", name="Personas").get_by_label("Finance Fiona").check()
    page.get_by_role("group", name="Stages").get_by_label("Decision").check()
    page.get_by_label("Publish now").check()

    progress = upload_with_progress(visit, "Upload")
    assert progress["seen"], "the progress bar never showed"
    moving = sorted({value for value in progress["values"] if 0 < value < 100})
    assert len(moving) >= 2, f"the progress bar did not move: {progress['values']}"
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("is uploaded and published")
    visit.check(shot="uploaded")
    asset = Asset.objects.get(title=TITLE)
    assert asset.is_published
    assert asset.current_version.size == first.stat().st_size
    assert set(asset.personas.values_list("name", flat=True)) == {"Finance Fiona"}
    assert set(asset.stages.values_list("name", flat=True)) == {"Decision"}

    download_link = page.get_by_role("link", name=f"Download {TITLE}")
    stable_href = download_link.get_attribute("href")
    page.get_by_role("link", name="Upload a new version").click()
    visit.check()
    second = pdf_file(tmp_path / "Board ROI summary v2.pdf", "Board ROI summary, with Q3", 2**20)
    page.get_by_label("New file").set_input_files(second)
    page.get_by_label("What changed").fill("Q3 figures")
    page.get_by_role("button", name="Upload version").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 is now current.")
    visit.check(shot="new-version")

    # The link people bookmarked is unchanged and now serves the new file.
    assert download_link.get_attribute("href") == stable_href
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "Board ROI summary v2.pdf"
    served = Path(download.path()).read_bytes()
    assert hashlib.sha256(served).digest() == hashlib.sha256(second.read_bytes()).digest()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Collateral").click()
    page.get_by_role("link", name="Requests & feedback").click()
    visit.check(shot="requests")
    page.get_by_role("link", name=request_text).click()
    visit.check()
    page.get_by_label("Done: this asset answers it").check()
    answers = page.get_by_label("Asset that answers it")
    # Options read "Title (Type, out 5 Dec 2026)", so namesakes can be told apart.
    answers.select_option(label=answers.locator("option", has_text=TITLE).first.inner_text())
    page.get_by_label("Reply to the requester").fill("Here it is, with the Q3 figures.")
    page.get_by_role("button", name="Save answer").click()
    expect(page.get_by_role("status")).to_be_visible()
    visit.check()
    answered = ContentRequest.objects.get(description=request_text)
    assert answered.status == ContentRequest.Status.DONE
    assert answered.fulfilled_by == asset
    visit.finish()


def upload_with_progress(visit: Visit, button: str) -> dict:
    """Submit the upload form on a throttled connection, sampling the progress bar."""
    page = visit.page
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": UPLOAD_BYTES_PER_SECOND,
        },
    )
    bar = page.get_by_role("progressbar", name="Upload progress")
    values, seen, pictured = [], False, False
    page.get_by_role("button", name=button, exact=True).click()
    # The bar lives in the form; when the answer replaces <main> it is gone. Sampled with
    # evaluate_all, which never waits, so the swap cannot race a sample.
    deadline = time.monotonic() + UPLOAD_TIMEOUT
    while samples := bar.evaluate_all("bars => bars.map(b => [b.value, b.checkVisibility()])"):
        status = " ".join(page.get_by_role("status").all_inner_texts())
        assert "Nothing was saved" not in status, status
        assert time.monotonic() < deadline, f"the upload did not finish: {status}"
        for value, visible in samples:
            seen = seen or visible
            if visible:
                values.append(value)
                if 20 <= value <= 80 and not pictured:
                    visit.screenshot("upload-progress")
                    pictured = True
        page.wait_for_timeout(100)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    cdp.detach()
    return {"seen": seen, "values": values}
