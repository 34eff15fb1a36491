"""The printable profile really fits one or two A4 pages, printed by Chromium."""

import shutil

import pypdfium2
import pytest
from django.conf import settings
from django.urls import reverse

from collateral import demo as collateral_demo
from messaging import demo as messaging_demo
from personas import demo
from tests.conftest import client_for

CHROMIUM = "/usr/bin/chromium"
DEMO_SLUGS = ["finance-fiona", "operations-olivia", "integration-ivan"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium is not installed"),
]


def print_to_pdf(
    live_server, session_cookie: str, paths: list[str], paper: str = "A4"
) -> dict[str, bytes]:
    """Each path printed to a PDF (A4 or Letter) by one headless Chromium, signed in with the
    cookie."""
    from playwright.sync_api import sync_playwright

    pdfs, problems = {}, []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        try:
            context = browser.new_context()
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session_cookie}
            context.add_cookies([{**cookie, "url": live_server.url}])
            page = context.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            for path in paths:
                page.goto(live_server.url + path)
                pdfs[path] = page.pdf(format=paper, print_background=True)
        finally:
            browser.close()
    assert problems == []  # no CSP violations or broken images
    return pdfs


def pdf_pages(pdf: bytes) -> tuple[int, tuple[int, int], str]:
    document = pypdfium2.PdfDocument(pdf)
    width, height = document[0].get_size()
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return len(document), (round(width), round(height)), text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_personas_print_on_one_or_two_a4_pages(live_server, marketer, rep):
    demo.seed({"marketer": marketer, "rep": rep})
    cookie = client_for(rep).cookies[settings.SESSION_COOKIE_NAME].value
    paths = [reverse("personas:print", args=[slug]) for slug in DEMO_SLUGS]
    # The profile page itself also prints cleanly (site chrome and actions hidden).
    paths.append(reverse("personas:detail", args=["finance-fiona"]))

    for path, pdf in print_to_pdf(live_server, cookie, paths).items():
        pages, size, text = pdf_pages(pdf)
        assert 1 <= pages <= 2, (path, pages)
        assert abs(size[0] - 595) <= 1
        assert abs(size[1] - 842) <= 1
        assert "Where to reach them" in text
        assert "Sign out" not in text  # the site header is not printed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_call_prep_brief_prints_on_two_pages_with_every_section_filled(
    live_server, marketer, rep, manager
):
    users = {"marketer": marketer, "rep": rep, "manager": manager}
    demo.seed(users)
    messaging_demo.seed(users)
    collateral_demo.seed(users)  # slow (generated PDFs): seeded once for both paper sizes
    cookie = client_for(rep).cookies[settings.SESSION_COOKIE_NAME].value
    path = reverse("personas:brief", args=["operations-olivia"])

    for paper, size in [("A4", (595, 842)), ("Letter", (612, 792))]:
        pdf = print_to_pdf(live_server, cookie, [path], paper)[path]
        pages, page_size, text = pdf_pages(pdf)
        assert 1 <= pages <= 2, (paper, pages)
        assert abs(page_size[0] - size[0]) <= 1, paper
        assert abs(page_size[1] - size[1]) <= 1, paper
        for heading in [
            "Who the buyer is",
            "Value proposition",
            "To Operations Olivia",
            "Objections and how we answer",
            "Terms they will hear",
            "Don't say",
            "Best material by buying stage",
            "Onboarding",
        ]:
            assert heading in text, (paper, heading)
        # Every section is filled: no empty-state sentence is printed.
        for empty in ["Not written yet", "approved yet", "Nothing yet", "No wording"]:
            assert empty not in text, (paper, empty)
        assert "Sign out" not in text
