"""The persona page's collateral section: published assets grouped by buying stage."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from collateral.models import Asset
from personas import roles
from personas.models import Persona


def render_section(user, persona_pk: int) -> tuple[str, int]:
    persona = Persona.objects.prefetch_related(
        Prefetch("assets", queryset=Asset.objects.for_persona_page(user))
    ).get(pk=persona_pk)
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "personas/_profile_collateral.html", {"persona": persona, "user": user}, request=request
    )


def test_assets_are_grouped_by_stage_in_stage_order(rep, make_asset, persona):
    make_asset("ROI deck", personas=[persona], stage_slugs=["decision"])
    make_asset("Intro video", personas=[persona], stage_slugs=["awareness"])
    make_asset("Case study", personas=[persona], stage_slugs=["awareness", "decision"])
    html = render_section(rep, persona.pk)
    awareness = html.index('id="persona-stage-awareness"')
    decision = html.index('id="persona-stage-decision"')
    assert awareness < decision
    assert html.index("Intro video") < decision < html.index("ROI deck")
    assert html.count(">Case study</a>") == 2  # listed under both of its stages
    assert "persona-stage-consideration" not in html


def test_each_asset_has_a_download_button_with_the_persona_source(rep, asset, persona):
    html = render_section(rep, persona.pk)
    assert f'href="{asset.get_download_url()}?source=persona"' in html


def test_only_published_assets_are_listed_even_for_marketing(marketer, make_asset, persona):
    make_asset("Live", personas=[persona])
    make_asset("Draft", personas=[persona], status=Asset.Status.DRAFT)
    make_asset("Retired", personas=[persona], status=Asset.Status.RETIRED)
    html = render_section(marketer, persona.pk)
    assert "Live" in html
    assert "Draft" not in html
    assert "Retired" not in html


def test_an_empty_section_offers_a_request_to_sales(rep, marketer, persona):
    html = render_section(rep, persona.pk)
    assert "No published collateral for Finance Fiona yet." in html
    assert f"{reverse('collateral:request_new')}?persona={persona.slug}" in html
    assert reverse("collateral:request_new") not in render_section(marketer, persona.pk)


def test_rendering_the_section_runs_no_queries_beyond_the_prefetch(
    rep, make_asset, persona, django_assert_num_queries
):
    for n in range(5):
        make_asset(f"Asset {n}", personas=[persona], stage_slugs=["decision", "onboarding"])
    persona = Persona.objects.prefetch_related(
        Prefetch("assets", queryset=Asset.objects.for_persona_page(rep))
    ).get(pk=persona.pk)
    roles.group_names(rep)  # role lookups are cached per user object, as in a request
    with django_assert_num_queries(0):
        render_to_string("personas/_profile_collateral.html", {"persona": persona, "user": rep})


def test_the_persona_page_shows_the_section(rep_client, asset, persona):
    response = rep_client.get(persona.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "ROI deck" in body
    assert f"{asset.get_download_url()}?source=persona" in body
