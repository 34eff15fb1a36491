"""The demo library tells a believable story and seeding twice changes nothing."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from collateral.management.commands import seed_demo
from collateral.models import Asset, AssetVersion, ContentRequest, Download, Feedback
from personas.demo_users import DEMO_PASSWORD


def counts() -> tuple:
    return (
        Asset.objects.count(),
        AssetVersion.objects.count(),
        Download.objects.count(),
        Feedback.objects.count(),
        ContentRequest.objects.count(),
    )


@pytest.fixture
def seeded(db):
    # A real administrator who happens to be called "admin" exists before the demo is seeded.
    User.objects.create_user("admin", password="their-own-password", email="it@corp.example")
    call_command("seed_demo", force=True, stdout=None)


def test_seeding_twice_changes_nothing_and_tells_the_demo_story(seeded):
    before = counts()
    call_command("seed_demo", force=True)
    assert counts() == before
    check_existing_user_untouched()
    # One seeding is slow (generated PDFs), so the story is checked on the same data.
    check_library_shape()
    check_coverage_gaps()
    check_download_history()
    check_feedback_and_requests()
    check_file_text()
    check_drift()
    check_search()


def check_existing_user_untouched() -> None:
    admin = User.objects.get(username="admin")
    assert admin.check_password("their-own-password")
    assert not admin.check_password(DEMO_PASSWORD)
    assert not admin.is_superuser
    assert admin.email == "it@corp.example"
    # Users the command created do get the demo password.
    assert User.objects.get(username="rep").check_password(DEMO_PASSWORD)


def test_seed_demo_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match=r"only runs with DEBUG on.*seed_demo --force"):
        call_command("seed_demo")
    assert not User.objects.exists()
    assert counts() == (0, 0, 0, 0, 0)


def test_seed_demo_runs_with_debug_on(db, settings, monkeypatch):
    settings.DEBUG = True
    seeded_apps = []
    for name in ("personas_demo", "messaging_demo", "collateral_demo"):
        module = getattr(seed_demo, name)
        monkeypatch.setattr(module, "seed", lambda users, name=name: seeded_apps.append(name))
    call_command("seed_demo", stdout=io.StringIO())
    assert seeded_apps == ["personas_demo", "messaging_demo", "collateral_demo"]
    assert User.objects.get(username="admin").is_superuser


def check_library_shape() -> None:
    assets = Asset.objects.all()
    assert assets.count() >= 12
    assert assets.filter(status=Asset.Status.DRAFT).count() == 1
    assert assets.filter(status=Asset.Status.RETIRED).count() == 1
    assert assets.filter(status="published", review_by__lt=timezone.localdate()).exists()
    published = assets.filter(status=Asset.Status.PUBLISHED)
    assert published.filter(download_count=0).count() >= 2
    assert AssetVersion.objects.values("asset").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert all(asset.current_version_id for asset in assets)
    types = set(assets.values_list("asset_type", flat=True))
    assert {"deck", "one_pager", "case_study", "datasheet", "battlecard"} <= types


def check_coverage_gaps() -> None:
    cells = set(Asset.objects.published().values_list("personas__slug", "stages__slug").distinct())
    personas = {"finance-fiona", "operations-olivia", "integration-ivan"}
    stages = {"awareness", "consideration", "decision", "onboarding"}
    present = {(p, s) for p, s in cells if p in personas}
    missing = {(p, s) for p in personas for s in stages} - present
    assert 1 <= len(missing) <= 2


def check_download_history() -> None:
    span = Download.objects.aggregate(first=Min("downloaded_at"), last=Max("downloaded_at"))
    assert span["last"] - span["first"] >= timedelta(days=90)
    assert Download.objects.values("user").distinct().count() >= 5
    assert Download.objects.filter(is_use=False).exists()
    for asset in Asset.objects.annotate(
        rows=Count("downloads"), last=Max("downloads__downloaded_at")
    ):
        assert asset.download_count == asset.rows
        assert asset.last_downloaded_at == asset.last


def check_feedback_and_requests() -> None:
    assert Feedback.objects.exclude(comment="").count() >= 5
    rated = Asset.objects.filter(rating_count__gt=0)
    for asset in rated:
        ratings = list(asset.feedback.values_list("rating", flat=True))
        assert asset.rating_count == len(ratings)
        assert asset.rating_average == pytest.approx(sum(ratings) / len(ratings))
    assert ContentRequest.objects.filter(status="open").count() >= 3
    assert ContentRequest.objects.filter(Q(status="done"), fulfilled_by__isnull=False).exists()


def check_file_text() -> None:
    """Demo files carry real text: PDFs per page, the PowerPoint deck with speaker notes, the
    Word playbook with its table; every document was read at upload."""
    from collateral.extraction import page_texts
    from collateral.preview import TextStatus

    documents = AssetVersion.objects.exclude(extension__in=["png", "jpg"])
    assert set(documents.values_list("text_status", flat=True)) == {TextStatus.FOUND}
    deck = Asset.objects.get(title="Brightline Flow overview deck").current_version
    assert deck.extension == "pptx"
    assert deck.preview  # the thumbnail the PowerPoint file carries
    slides = page_texts(deck)
    assert [number for number, _text in slides] == [1, 2, 3, 4, 5]
    assert any("carrier slot" in text for _number, text in slides)  # speaker notes
    playbook = Asset.objects.get(title__startswith="Exception desk").current_version
    assert playbook.extension == "docx"
    assert "Transport planner" in dict(page_texts(playbook))[1]
    payback = Asset.objects.get(title="Payback model walkthrough").current_version
    assert any("Carrier chargebacks" in text for _page, text in page_texts(payback))


def check_drift() -> None:
    """The drift check reads the same stored text: every demo document was checked (none
    "could not be read"), and the demo case study still uses a retired claim, with its page."""
    from collateral.models import WordingCheck, WordingHit

    documents = WordingCheck.objects.exclude(version__extension__in=["png", "jpg"])
    assert set(documents.values_list("status", flat=True)) == {WordingCheck.Status.FOUND}
    out = io.StringIO()
    call_command("check_drift", "--format", "csv", stdout=out, stderr=io.StringIO())
    assert WordingHit.objects.exists()
    assert '"guaranteed 50% savings","page 3"' in out.getvalue()


def check_search() -> None:
    """The issue's walk-through as a rep: a pain word from Finance Fiona's page finds her,
    her message and objection and the decks that mention it, with snippets; words only inside
    a PDF, PowerPoint or Word file find the file and its page or slide; no draft shows."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(User.objects.get(username="rep"))

    def page(q: str, **params):
        response = client.get(reverse("search"), {"q": q, **params})
        assert response.status_code == 200
        return response.content.decode(), {g.key: g.count for g in response.context["groups"]}

    body, counts = page("chargebacks")
    assert "Finance Fiona" in body
    assert "Cut the cost of every late order" in body  # her approved message
    assert "It costs too much for what it does." in body  # her objection
    assert "Payback model walkthrough" in page("chargebacks", kind="collateral")[0]
    assert "<mark>" in body
    assert counts["personas"] >= 1
    assert counts["messaging"] >= 2
    assert counts["collateral"] >= 1
    assert "Procurement Paula" not in body  # a draft persona
    assert "Autumn launch teaser" not in page("predictive exception alerts")[0]  # a draft
    body = page('"carrier slot"')[0]  # only in the PowerPoint deck's speaker notes
    assert "Brightline Flow overview deck" in body
    assert "On slide 5:" in body
    assert "Exception desk in a day" in page('"transport planner"')[0]  # a Word table cell
    assert page("exception")[1] == page("exceptions")[1]
