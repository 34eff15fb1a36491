"""The call-prep brief (`personas:brief`, a config/ page over all three apps): who the buyer
is, what we say, objections, terms, retired wording and the most-used material per stage,
with tracked call-prep downloads."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, Download
from messaging.models import GlossaryTerm, Objection, PersonaMessage, RetiredWording
from tests.messaging.conftest import approve_one, make_wording, sign_both
from tests.personas.conftest import make_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiona(db):
    return make_persona(
        name="Finance Fiona",
        slug="finance-fiona",
        goals="Cut cost per order\nProtect margin\nSee the cost of exceptions\nA fourth goal",
        pains="Overtime spikes\nLate-delivery penalties\nSoft ROI\nSpreadsheets\nA fifth pain",
        decision_criteria="Payback period\nReferences",
        summary="CFO who judges every MQL programme on payback.",
    )


def use(asset: Asset, user, times: int, days_ago: int = 1, is_use: bool = True) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    Download.objects.bulk_create(
        Download(
            asset=asset,
            version=asset.current_version,
            user=user,
            downloaded_at=when,
            source="library",
            is_use=is_use,
        )
        for _ in range(times)
    )


def brief_url(persona) -> str:
    return reverse("personas:brief", args=[persona.slug])


def test_the_brief_has_every_section_a_rep_needs(rep_client, marketer, manager, fiona):
    message = PersonaMessage.objects.create(
        persona=fiona,
        headline="Payback within a year.",
        key_messages="Exceptions cost twice\nCost per order is live",
        created_by=marketer,
    )
    approve_one(message, marketer)
    approve_one(
        Objection.objects.create(
            persona=fiona,
            objection="Too expensive.",
            response="Look at payback.",
            created_by=marketer,
        ),
        marketer,
    )
    sign_both(
        GlossaryTerm.objects.create(
            term="Marketing-qualified lead (MQL)",
            definition="A lead with intent.",
            created_by=marketer,
        ),
        marketer,
        manager,
    )
    approve_one(make_wording(marketer, phrase="Brightline Dispatch", replacement="Flow"), marketer)
    body = rep_client.get(brief_url(fiona)).content.decode()
    for text in [
        "Finance Fiona",
        "Economic buyer"
        if fiona.buying_role == "economic_buyer"
        else fiona.get_buying_role_display(),
        "Cut cost per order",
        "Spreadsheets",
        "Payback period",
        "Payback within a year.",
        "Cost per order is live",
        "“Too expensive.”",
        "Look at payback.",
        "Marketing-qualified lead (MQL)",
        "Brightline Dispatch",
        "Don't say → say instead",
        "Best material by buying stage",
    ]:
        assert text in body, text
    # Top items only: the fourth goal and the fifth pain stay on the persona page.
    assert "A fourth goal" not in body
    assert "A fifth pain" not in body


def test_the_brief_says_what_is_missing_instead_of_leaving_gaps(rep_client, fiona):
    body = rep_client.get(brief_url(fiona)).content.decode()
    assert "No positioning is approved yet." in body
    assert "No message for this persona is approved yet." in body
    assert "No objection handling is approved yet." in body
    assert "No wording has been retired." in body
    assert "Nothing yet for this stage." in body
    assert "Request material" in body


def test_material_is_the_top_three_per_stage_by_use_in_the_last_90_days(
    rep_client, rep, marketer, fiona, make_asset
):
    other = make_persona(name="Other Otto", slug="other-otto")
    most = make_asset("Most used lately", stage_slugs=["decision"], personas=[fiona])
    second = make_asset("Second", stage_slugs=["decision"], personas=[fiona])
    everyone = make_asset("For every persona", stage_slugs=["decision"])
    old_favourite = make_asset("Popular last year", stage_slugs=["decision"], personas=[fiona])
    previews = make_asset("Only marketing previews", stage_slugs=["decision"], personas=[fiona])
    make_asset("Otto's deck", stage_slugs=["decision"], personas=[other])
    make_asset("A draft", stage_slugs=["decision"], personas=[fiona], status="draft")
    use(most, rep, 5)
    use(second, rep, 3)
    use(everyone, rep, 2)
    use(old_favourite, rep, 50, days_ago=120)
    use(previews, marketer, 40, is_use=False)
    material = rep_client.get(brief_url(fiona)).context["material"]
    decision = next(row for row in material if row.stage.slug == "decision")
    assert [asset.title for asset in decision.assets] == [
        "Most used lately",
        "Second",
        "For every persona",
    ]
    assert [asset.recent_uses for asset in decision.assets] == [5, 3, 2]
    assert [row.stage.slug for row in material] == [
        "awareness",
        "consideration",
        "decision",
        "onboarding",
    ]


def test_brief_downloads_are_recorded_as_call_prep(rep_client, rep, marketer, fiona, make_asset):
    asset = make_asset("Payback deck", stage_slugs=["decision"], personas=[fiona])
    body = rep_client.get(brief_url(fiona)).content.decode()
    link = f"{asset.get_download_url()}?source=call_prep"
    assert link in body
    response = rep_client.get(link)
    assert response.status_code == 200
    assert Download.objects.get(asset=asset).source == Download.Source.CALL_PREP


def test_a_file_with_retired_wording_is_flagged_in_the_brief_and_on_the_persona_page(
    rep_client, marketer, fiona, make_asset
):
    from collateral.models import WordingHit

    claim = approve_one(make_wording(marketer, phrase="guaranteed 50% savings"), marketer)
    flagged = make_asset("Old claims deck", stage_slugs=["decision"], personas=[fiona])
    make_asset("Clean deck", stage_slugs=["decision"], personas=[fiona])
    WordingHit.objects.create(version=flagged.current_version, wording=claim, page=3)
    for url in (brief_url(fiona), fiona.get_absolute_url()):
        body = rep_client.get(url).content.decode()
        assert body.count(">Retired wording</span>") == 1, url


def test_marketing_gets_no_request_link_it_may_not_follow(marketer_client, rep_client, fiona):
    assert "Request material" not in marketer_client.get(brief_url(fiona)).content.decode()
    assert "Request material" in rep_client.get(brief_url(fiona)).content.decode()


def test_the_persona_page_links_to_the_brief(rep_client, fiona):
    body = rep_client.get(fiona.get_absolute_url()).content.decode()
    assert brief_url(fiona) in body


def test_reps_cannot_open_the_brief_of_a_draft_persona(rep_client):
    draft = make_persona(name="Draft Dora", slug="draft-dora", status="draft")
    assert rep_client.get(brief_url(draft)).status_code == 404


def test_the_brief_is_read_only(rep_client, fiona):
    assert rep_client.post(brief_url(fiona)).status_code == 405


def test_the_brief_query_count_does_not_grow_with_the_library(
    rep_client, rep, marketer, fiona, django_assert_max_num_queries, make_asset
):
    def grow(start: int, count: int) -> None:
        for n in range(start, start + count):
            for stage in ("awareness", "decision"):
                asset = make_asset(f"Asset {stage} {n}", stage_slugs=[stage], personas=[fiona])
                use(asset, rep, n % 4)
            approve_one(make_wording(marketer, phrase=f"Old name {n}"), marketer)
            approve_one(
                Objection.objects.create(
                    objection=f"Objection {n}", response="Answer.", created_by=marketer
                ),
                marketer,
            )

    grow(0, 1)
    with CaptureQueriesContext(connection) as small:
        assert rep_client.get(brief_url(fiona)).status_code == 200
    grow(1, 12)
    with django_assert_max_num_queries(len(small)):
        assert rep_client.get(brief_url(fiona)).status_code == 200
    assert RetiredWording.objects.approved().count() == 13


def test_a_term_is_agreed_word_for_word_and_a_long_one_links_the_rest(
    rep_client, marketer, manager, fiona
):
    short = (
        "A lead that asked for a demo or pricing, fits the target segment, and has a named "
        "contact with budget; Sales accepts or returns it with a reason, including the "
        "hand-off, within one working day."
    )
    long_text = " ".join(["Qualified by fit and intent."] * 9) + " Hand-off within one day."
    for term, definition in [("MQL", short), ("SAL", long_text)]:
        item = GlossaryTerm.objects.create(term=term, definition=definition, created_by=marketer)
        sign_both(item, marketer, manager)
    body = rep_client.get(brief_url(fiona)).content.decode()
    assert f"<dd>{short}</dd>" in body  # 35 words, whole: the hand-off was cut off at 22
    sal = GlossaryTerm.objects.get(term="SAL")
    assert "Hand-off within one day." not in body
    assert f'href="{sal.get_absolute_url()}">Full definition' in body
