"""Property tests (Hypothesis) over every form and query parameter of the library, the asset
pages, uploads, ratings and content requests: never a 500, and a refused input writes
nothing (issue #14, point 13). The audit has its own in tests/collateral/audit/."""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from collateral.models import Asset, ContentRequest
from personas.models import Persona
from tests.collateral.conftest import image_bytes, pdf_bytes, upload_file
from tests.conftest import make_user
from tests.hostile import PAGE_PROPERTY, PROPERTY, get_safely, hostile, params_for, post_safely
from tests.personas.conftest import make_persona


@dataclass
class Library:
    published: Asset
    draft: Asset
    retired: Asset
    hidden_persona: Persona
    others_request: ContentRequest

    def uuids(self) -> list[str]:
        return [str(asset.uuid) for asset in (self.published, self.draft, self.retired)]


@pytest.fixture
def library(make_asset, persona, other_persona, marketer, rep) -> Library:
    someone = make_user("someone-else")
    return Library(
        published=make_asset("ROI deck", personas=[persona]),
        draft=make_asset("Draft deck", status=Asset.Status.DRAFT),
        retired=make_asset("Old deck", status=Asset.Status.RETIRED),
        hidden_persona=make_persona(name="Draft Dora", slug="draft-dora", status="draft"),
        others_request=ContentRequest.objects.create(
            description="ROI one-pager", requester=someone
        ),
    )


def ids_of(library: Library, stages) -> list:
    """Real values a field may name: visible and invisible personas, stages, assets."""
    return [
        "finance-fiona",
        "operations-olivia",
        library.hidden_persona.slug,
        library.hidden_persona.pk,
        *(stage.slug for stage in stages.values()),
        *(stage.pk for stage in stages.values()),
        *library.uuids(),
        library.published.pk,
        library.draft.pk,
    ]


@pytest.mark.parametrize("role", ["rep_client", "marketer_client"])
def test_library_filters_never_fail(request, library, stages, role):
    client = request.getfixturevalue(role)
    ids = ids_of(library, stages)

    @PAGE_PROPERTY
    @given(
        params=params_for(
            {
                "q": hostile("deck", "roi"),
                "persona": hostile(*ids),
                "stage": hostile(*ids),
                "type": hostile(*Asset.Type.values),
                "pillar": hostile(*ids),
                "owner": hostile("marketer", "rep"),
                "status": hostile(*Asset.Status.values),
                "sort": hostile("newest", "downloads", "rating"),
                "view": hostile("cards", "table"),
                "page": hostile(1, 2, 0, -1, "last"),
            }
        )
    )
    def check(params):
        get_safely(client, reverse("collateral:library"), params)

    check()


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("collateral:request_new", ["persona", "stage", "type", "q"]),
        ("collateral:requests_mine", ["page"]),
        ("collateral:request_queue", ["page"]),
    ],
)
def test_request_pages_never_fail(manager_client, marketer_client, library, stages, name, fields):
    client = marketer_client if name == "collateral:request_queue" else manager_client
    ids = ids_of(library, stages)

    @PAGE_PROPERTY
    @given(params=params_for({field: hostile(*ids) for field in fields}))
    def check(params):
        get_safely(client, reverse(name), params)

    check()


def test_asset_pages_and_downloads_never_fail(rep_client, library):
    @PAGE_PROPERTY
    @given(
        uuid=st.sampled_from(library.uuids()),
        page=st.sampled_from(["asset_detail", "download", "preview"]),
        params=params_for({"source": hostile("library", "search", "persona"), "v": hostile(1)}),
    )
    def check(uuid, page, params):
        url = reverse(f"collateral:{page}", args=[uuid])
        get_safely(rep_client, url, params, may_write=page == "download")

    check()


def test_ratings_never_fail_and_refusals_write_nothing(rep_client, library):
    @PROPERTY
    @given(
        uuid=st.sampled_from(library.uuids()),
        params=params_for({"rating": hostile(1, 3, 5, 6), "comment": hostile("Worked")}),
    )
    def check(uuid, params):
        post_safely(rep_client, reverse("collateral:feedback", args=[uuid]), params)

    check()
    assert not library.draft.feedback.exists()
    assert not library.retired.feedback.exists()


def test_content_requests_never_fail_and_refusals_write_nothing(rep_client, library, stages):
    ids = ids_of(library, stages)

    @PROPERTY
    @given(
        params=params_for(
            {
                "persona": hostile(*ids),
                "stage": hostile(*ids),
                "asset_type": hostile(*Asset.Type.values),
                "description": hostile("A one-page ROI summary"),
            }
        )
    )
    def check(params):
        post_safely(rep_client, reverse("collateral:request_new"), params)

    check()
    # A persona the rep cannot see is never attached to their request.
    assert not ContentRequest.objects.filter(persona=library.hidden_persona).exists()


def test_answers_to_requests_never_fail_and_refusals_write_nothing(marketer_client, library):
    @PROPERTY
    @given(
        pk=st.sampled_from([library.others_request.pk, 0, 2**31, 2**63 - 1]),
        params=params_for(
            {
                "status": hostile(*ContentRequest.Status.values),
                "asset": hostile(*library.uuids()),
                "response": hostile("Planned for May"),
            }
        ),
    )
    def check(pk, params):
        post_safely(marketer_client, reverse("collateral:request_respond", args=[pk]), params)

    check()
    # Only a published asset can answer a request.
    assert not ContentRequest.objects.filter(
        fulfilled_by__in=[library.draft, library.retired]
    ).exists()


def asset_fields(library: Library, stages, marketer) -> dict:
    ids = ids_of(library, stages)
    return {
        "title": hostile("Payback deck"),
        "description": hostile("For CFOs"),
        "asset_type": hostile(*Asset.Type.values),
        "personas": hostile(*ids),
        "stages": hostile(*ids),
        "pillars": hostile(*ids),
        "positioning": hostile(*ids),
        "owner": hostile(marketer.pk, library.others_request.requester_id),
        "review_by": hostile("2031-01-01"),
    }


def test_asset_edits_never_fail_and_refusals_write_nothing(
    marketer_client, marketer, library, stages
):
    @PROPERTY
    @given(params=params_for(asset_fields(library, stages, marketer)))
    def check(params):
        url = reverse("collateral:asset_edit", args=[library.published.uuid])
        post_safely(marketer_client, url, params)

    check()


def test_uploads_never_fail_and_refusals_write_nothing(marketer_client, marketer, library, stages):
    files = [("deck.pdf", pdf_bytes()), ("chart.png", image_bytes()), ("x.pdf", b"%PDF-junk")]

    @PROPERTY
    @given(
        params=params_for(
            {
                **asset_fields(library, stages, marketer),
                "note": hostile("From Q3"),
                "publish": hostile("on"),
            }
        ),
        file=st.sampled_from(files),
    )
    def check(params, file):
        upload = {"file": upload_file(*file)}
        post_safely(marketer_client, reverse("collateral:upload"), params, files=upload)

    check()


def test_new_versions_never_fail_and_refusals_write_nothing(marketer_client, library):
    @PROPERTY
    @given(
        note=hostile("Updated pricing"),
        uuid=st.sampled_from(library.uuids()),
        file=st.sampled_from([("deck.pdf", pdf_bytes()), ("deck.pdf", b"\x00" * 10)]),
    )
    def check(note, uuid, file):
        url = reverse("collateral:version_new", args=[uuid])
        post_safely(marketer_client, url, {"note": note}, files={"file": upload_file(*file)})

    check()
