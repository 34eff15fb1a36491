"""The persona page's collateral section: the best few published assets per buying stage."""

from django.db.models import F
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from collateral.models import Asset
from personas import roles


def render_section(user, persona) -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = {
        "persona": persona,
        "user": user,
        "collateral": Asset.objects.best_by_stage(persona),
    }
    return render_to_string("personas/_profile_collateral.html", context, request=request)


def test_assets_are_grouped_by_stage_in_stage_order(rep, make_asset, persona):
    make_asset("ROI deck", personas=[persona], stage_slugs=["decision"])
    make_asset("Intro video", personas=[persona], stage_slugs=["awareness"])
    make_asset("Case study", personas=[persona], stage_slugs=["awareness", "decision"])
    html = render_section(rep, persona)
    awareness = html.index('id="persona-stage-awareness"')
    decision = html.index('id="persona-stage-decision"')
    assert awareness < decision
    assert html.index("Intro video") < decision < html.index("ROI deck")
    assert html.count(">Case study</a>") == 2  # listed under both of its stages
    assert "persona-stage-consideration" not in html


def test_each_stage_shows_its_five_most_downloaded_and_links_to_the_rest(rep, make_asset, persona):
    for n in range(8):
        asset = make_asset(f"Deck {n}", personas=[persona], stage_slugs=["decision"])
        Asset.objects.filter(pk=asset.pk).update(download_count=F("download_count") + n)
    make_asset("Lonely intro", personas=[persona], stage_slugs=["awareness"])
    html = render_section(rep, persona)
    decision = html[html.index('id="persona-stage-decision"') :]
    shown = [f"Deck {n}" for n in (7, 6, 5, 4, 3)]
    positions = [decision.index(f">{title}</a>") for title in shown]
    assert positions == sorted(positions)  # most downloaded first
    for n in (2, 1, 0):
        assert f">Deck {n}</a>" not in html
    assert 'persona-collateral__count">8<' in decision
    library = (
        f"{reverse('collateral:library')}?persona={persona.slug}&amp;stage=decision"
        "&amp;status=published&amp;sort=downloads"
    )
    assert f'<a href="{library}">All 8 for decision in the library</a>' in html
    # A stage with everything on show needs no such link.
    assert "All 1 for awareness" not in html


def test_each_asset_has_a_download_button_with_the_persona_source(rep, asset, persona):
    html = render_section(rep, persona)
    assert f'href="{asset.get_download_url()}?source=persona"' in html


def test_only_published_assets_are_listed_even_for_marketing(marketer, make_asset, persona):
    make_asset("Live", personas=[persona])
    make_asset("Draft", personas=[persona], status=Asset.Status.DRAFT)
    make_asset("Retired", personas=[persona], status=Asset.Status.RETIRED)
    html = render_section(marketer, persona)
    assert "Live" in html
    assert "Draft" not in html
    assert "Retired" not in html
    assert 'persona-collateral__count">1<' in html


def test_assets_of_other_personas_are_not_listed(rep, make_asset, persona, other_persona):
    make_asset("Fiona's deck", personas=[persona])
    make_asset("Olivia's deck", personas=[other_persona])
    html = render_section(rep, persona)
    assert "Fiona&#x27;s deck" in html
    assert "Olivia" not in html


def test_an_empty_section_offers_a_request_to_sales(rep, marketer, persona):
    html = render_section(rep, persona)
    assert "No published collateral for Finance Fiona yet." in html
    assert f"{reverse('collateral:request_new')}?persona={persona.slug}" in html
    assert reverse("collateral:request_new") not in render_section(marketer, persona)


def test_the_shelf_is_two_queries_and_rendering_it_runs_none(
    rep, make_asset, persona, django_assert_num_queries
):
    for n in range(5):
        make_asset(f"Asset {n}", personas=[persona], stage_slugs=["decision", "onboarding"])
    with django_assert_num_queries(2):  # the ranked ids, then those assets
        collateral = Asset.objects.best_by_stage(persona)
    roles.role_for(rep)  # role lookups are cached per user object, as in a request
    context = {"persona": persona, "user": rep, "collateral": collateral}
    with django_assert_num_queries(0):
        render_to_string("personas/_profile_collateral.html", context)


def test_the_persona_page_shows_the_section_before_the_profile(rep_client, asset, persona):
    response = rep_client.get(persona.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "ROI deck" in body
    assert f"{asset.get_download_url()}?source=persona" in body
    # The material comes first, with a menu to every section (#19.5).
    assert body.index('id="collateral-title"') < body.index('id="who-title"')
    menu = body[body.index('<nav class="page-menu"') :]
    menu = menu[: menu.index("</nav>")]
    for target in ("collateral-title", "messaging-title", "who-title", "objections-title"):
        assert f'href="#{target}"' in menu
        assert f'id="{target}"' in body
