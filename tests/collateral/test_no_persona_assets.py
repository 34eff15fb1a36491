"""An asset mapped to no persona ("fits every persona", as the upload form says) belongs to
every persona: it is on every persona page (the library filter and the coverage grid are
tested in test_library.py and audit/test_reports.py)."""

from django.urls import reverse


def test_an_asset_with_no_persona_is_on_every_persona_page(
    rep_client, make_asset, persona, other_persona
):
    everyone = make_asset("Company overview", personas=[], stage_slugs=["awareness"])
    make_asset("Olivia only", personas=[other_persona], stage_slugs=["awareness"])
    for shown, hidden in [(persona, "Olivia only"), (other_persona, None)]:
        body = rep_client.get(shown.get_absolute_url()).content.decode()
        assert f'href="{everyone.get_download_url()}?source=persona"' in body
        assert "Company overview" in body
        if hidden:
            assert hidden not in body


def test_the_persona_pages_library_link_lists_it_too(rep_client, make_asset, persona):
    make_asset("Company overview", personas=[], stage_slugs=["awareness"])
    response = rep_client.get(reverse("collateral:library"), {"persona": persona.slug})
    assert [asset.title for asset in response.context["page"]] == ["Company overview"]
