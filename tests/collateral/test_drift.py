"""The drift check: approved retired wording found in the text of current files, at upload
(before publishing), whenever the approved list changes, and by `manage.py check_drift`."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from collateral import services, textpdf, wording
from collateral.models import Asset, BuyingStage, WordingHit
from messaging import workflow
from messaging.models import RetiredWording
from personas.changelog import ChangeLog
from tests.collateral.conftest import pdf_bytes, upload_file
from tests.messaging.conftest import approve_one, make_wording

pytestmark = pytest.mark.django_db


def text_pdf(pages: list[list[str]], size: tuple[int, int] = (320, 180)) -> bytes:
    """A PDF with a real text layer: one list of lines per page."""
    images = [Image.new("RGB", size, "white") for _ in pages]
    return textpdf.with_text_layer(images, pages)


CLAIM_ON_PAGE_2 = text_pdf(
    [
        ["Northwind case study", "Fewer exceptions in one quarter"],
        ["What customers get:", "guaranteed", "50% savings on overtime"],
    ]
)


@pytest.fixture
def claim(marketer) -> RetiredWording:
    return approve_one(
        make_wording(marketer, phrase="guaranteed 50% savings", replacement="payback in 9 months"),
        marketer,
    )


def upload(client, data: bytes, *, publish: bool = True, title: str = "Northwind case study"):
    form = {
        "title": title,
        "asset_type": Asset.Type.CASE_STUDY,
        "stages": [BuyingStage.objects.get(slug="decision").pk],
        "owner": client.session["_auth_user_id"],
        "file": upload_file("case.pdf", data),
    }
    if publish:
        form["publish"] = "on"
    return client.post(reverse("collateral:upload"), form, follow=True)


def test_upload_with_retired_wording_shows_the_hit_and_its_page_before_publishing(
    marketer_client, claim
):
    response = upload(marketer_client, CLAIM_ON_PAGE_2)
    asset = Asset.objects.get()
    body = response.content.decode()
    assert asset.status == Asset.Status.DRAFT  # held back, not published
    assert "Not published" in body
    assert "guaranteed 50% savings" in body
    assert "page 2" in body
    assert "payback in 9 months" in body
    assert "Publish anyway" in body


def test_a_claim_hyphenated_at_a_line_end_of_a_real_pdf_is_found(marketer_client, claim):
    hyphenated = text_pdf([["Brightline promised guaran-", "teed 50% savings on overtime"]])
    upload(marketer_client, hyphenated)
    asset = Asset.objects.get()
    assert asset.status == Asset.Status.DRAFT  # held back, not published as clean
    assert WordingHit.objects.filter(version=asset.current_version).count() == 1


def test_an_upload_is_read_once_for_search_and_the_drift_check_together(
    marketer_client, claim, monkeypatch
):
    from collateral import preview

    reads = []
    real = preview.process_file
    monkeypatch.setattr(
        preview, "process_file", lambda *a, **kw: reads.append(a) or real(*a, **kw)
    )
    upload(marketer_client, CLAIM_ON_PAGE_2)
    version = Asset.objects.get().current_version
    assert len(reads) == 1  # one guarded child per upload
    assert version.pages.filter(number=2, text__contains="guaranteed").exists()
    assert WordingHit.objects.get().page == 2


def test_a_version_extracted_before_the_check_existed_is_read_when_the_list_changes(
    marketer, claim, stages
):
    from collateral.models import AssetVersion
    from collateral.preview import TextStatus

    asset = Asset.objects.create(title="Case", asset_type=Asset.Type.CASE_STUDY, owner=marketer)
    intake = services.intake_from_bytes("case.pdf", CLAIM_ON_PAGE_2)
    version = services.add_version(asset, intake, note="", user=marketer)
    version.pages.all().delete()
    AssetVersion.objects.filter(pk=version.pk).update(text_status=TextStatus.PENDING)
    WordingHit.objects.all().delete()
    assert wording.check_all() == 1
    version.refresh_from_db()
    assert version.text_status == TextStatus.FOUND
    assert WordingHit.objects.get(version=version).page == 2


def test_publish_anyway_publishes_and_reps_are_told_to_check_before_sending(
    marketer_client, rep_client, claim
):
    upload(marketer_client, CLAIM_ON_PAGE_2)
    asset = Asset.objects.get()
    marketer_client.post(reverse("collateral:publish", args=[asset.uuid]))
    asset.refresh_from_db()
    assert asset.is_published
    body = rep_client.get(asset.get_absolute_url()).content.decode()
    assert "contains retired wording: check it before sending" in body
    assert "page 2" not in body  # the details are marketing's
    library = rep_client.get(reverse("collateral:library")).content.decode()
    assert "Retired wording</span>" in library


def test_the_change_log_records_a_held_back_upload_as_created_only(marketer_client, claim):
    upload(marketer_client, CLAIM_ON_PAGE_2)
    asset = Asset.objects.get()
    entries = ChangeLog.objects.filter(object_type="asset", object_id=str(asset.pk))
    assert list(entries.order_by("pk").values_list("action", flat=True)) == ["create"]
    marketer_client.post(reverse("collateral:publish", args=[asset.uuid]))
    assert list(entries.order_by("pk").values_list("action", flat=True)) == ["create", "publish"]


def test_a_clean_file_is_published_and_said_to_be_clean(marketer_client, claim):
    clean = text_pdf([["Payback in nine months on average"]])
    body = upload(marketer_client, clean).content.decode()
    asset = Asset.objects.get()
    assert asset.is_published
    assert "No retired wording found in version 1." in body


def test_a_scan_is_reported_as_no_text_found_never_as_clean(marketer_client, claim):
    body = upload(marketer_client, pdf_bytes(pages=2)).content.decode()
    assert "No text found" in body
    assert "No retired wording found" not in body
    stderr = io.StringIO()
    call_command("check_drift", stdout=io.StringIO(), stderr=stderr)
    assert "No text found, not checked: Northwind case study" in stderr.getvalue()


def test_approving_a_new_phrase_flags_existing_assets_without_a_reupload(
    marketer, marketer_client, django_capture_on_commit_callbacks
):
    upload(marketer_client, CLAIM_ON_PAGE_2)
    asset = Asset.objects.get()
    assert not WordingHit.objects.exists()
    item = make_wording(marketer, phrase="guaranteed 50% savings")
    workflow.submit(item, marketer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(item, marketer)
    hit = WordingHit.objects.get()
    assert (hit.version, hit.wording, hit.page) == (asset.current_version, item, 2)
    body = marketer_client.get(asset.get_absolute_url()).content.decode()
    assert "guaranteed 50% savings" in body
    # Retiring the phrase clears the hit, again without touching the file.
    with django_capture_on_commit_callbacks(execute=True):
        workflow.retire(item, marketer)
    assert not WordingHit.objects.exists()


def test_a_new_version_is_checked_and_a_corrected_one_clears_the_hits(marketer_client, claim):
    upload(marketer_client, text_pdf([["All fine here"]]))
    asset = Asset.objects.get()
    url = reverse("collateral:version_new", args=[asset.uuid])
    response = marketer_client.post(
        url, {"file": upload_file("v2.pdf", CLAIM_ON_PAGE_2), "note": "v2"}, follow=True
    )
    assert "uses retired wording" in response.content.decode()
    assert wording.hits_by_phrase(Asset.objects.get().current_version)
    marketer_client.post(url, {"file": upload_file("v3.pdf", text_pdf([["Fixed"]])), "note": "v3"})
    assert wording.hits_by_phrase(Asset.objects.get().current_version) == []


def test_check_drift_lists_one_formula_safe_row_per_hit(marketer_client, claim, marketer):
    approve_one(make_wording(marketer, phrase="Routemaster", replacement="RouteMatrix"), marketer)
    data = text_pdf([["Unlike Routemaster"], ["guaranteed 50% savings", "Routemaster again"]])
    upload(marketer_client, data, title="=HYPERLINK(evil)")
    out = io.StringIO()
    call_command("check_drift", "--format", "csv", stdout=out, stderr=io.StringIO())
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["Asset", "Version", "Phrase", "Page or slide", "Say instead", "Owner"]
    assert rows[1:] == [
        [
            "'=HYPERLINK(evil)",
            "1",
            "guaranteed 50% savings",
            "page 2",
            "payback in 9 months",
            "Marketer",
        ],
        ["'=HYPERLINK(evil)", "1", "Routemaster", "page 1", "RouteMatrix", "Marketer"],
        ["'=HYPERLINK(evil)", "1", "Routemaster", "page 2", "RouteMatrix", "Marketer"],
    ]


def test_check_drift_text_output_and_an_empty_result(claim):
    out = io.StringIO()
    call_command("check_drift", stdout=out, stderr=io.StringIO())
    assert "No retired wording found in any current file." in out.getvalue()


def test_a_500_page_pdf_is_checked_inside_the_extraction_limits(marketer, claim, stages):
    pages = [[f"Page {n} of the long report"] for n in range(1, 500)]
    pages.append(["Appendix: guaranteed 50% savings"])
    data = text_pdf(pages, size=(40, 40))
    asset = Asset.objects.create(
        title="Long report", asset_type=Asset.Type.WHITEPAPER, owner=marketer
    )
    services.add_version(
        asset, services.intake_from_bytes("long.pdf", data), note="", user=marketer
    )
    [entry] = wording.hits_by_phrase(Asset.objects.get().current_version)
    assert entry.places == ["page 500"]


def test_the_stale_report_gives_off_message_wording_as_a_reason(
    marketer_client, manager_client, claim
):
    upload(marketer_client, CLAIM_ON_PAGE_2)
    asset = Asset.objects.get()
    marketer_client.post(reverse("collateral:publish", args=[asset.uuid]))
    body = manager_client.get(
        reverse("collateral:audit_stale") + "?reason=wording"
    ).content.decode()
    assert "Off-message wording" in body
    assert asset.title in body
