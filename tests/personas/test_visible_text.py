"""Names that look blank (zero-width spaces and other invisible characters) are refused."""

import pytest
from django.urls import reverse

from collateral.models import Asset, BuyingStage
from messaging.models import GlossaryTerm, Pillar
from personas.models import Persona
from personas.text import looks_blank
from tests.messaging.conftest import make_term
from tests.personas.conftest import make_persona

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width (non-)joiners, word joiner, BOM
    "\u00a0\u3000",  # no-break and ideographic spaces
    "\u3164\u2800",  # Hangul filler, blank Braille pattern
    "\u202e\u0301",  # a bidi override and a lone combining accent
]


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_text_looks_blank(text):
    assert looks_blank(text)


@pytest.mark.parametrize("text", ["A", "\u200bDeck", "名前", "🚚", "-"])
def test_readable_text_does_not(text):
    assert not looks_blank(text)


ZWSP_TITLE = "\u200b\u200b\u200b"
BLANK_ERROR = "This looks blank: it holds only invisible characters"


def test_a_persona_name_of_zero_width_spaces_is_refused(marketer_client):
    response = marketer_client.post(
        reverse("personas:create"),
        {"name": ZWSP_TITLE, "slug": "", "buying_role": "user", "summary": "Real summary"},
    )
    assert response.status_code == 200
    assert BLANK_ERROR in response.content.decode()
    assert not Persona.objects.exists()


def test_an_asset_title_of_zero_width_spaces_is_refused(marketer_client, marketer):
    response = marketer_client.post(
        reverse("collateral:upload"),
        {
            "title": ZWSP_TITLE,
            "asset_type": Asset.Type.DECK,
            "stages": [BuyingStage.objects.get(slug="decision").pk],
            "owner": marketer.pk,
        },
    )
    assert response.status_code == 200
    assert BLANK_ERROR in response.content.decode()
    assert not Asset.objects.exists()


def test_a_glossary_term_and_a_pillar_name_of_invisible_characters_are_refused(marketer_client):
    term = {"term": "\u3164", "definition": "Agreed meaning.", "change_note": "New"}
    response = marketer_client.post(reverse("messaging:create", args=["glossary"]), term)
    assert BLANK_ERROR in response.content.decode()
    pillar = {
        "name": "\u200b",
        "summary": "Why it matters.",
        "order": 0,
        "change_note": "New",
        "proof_points-TOTAL_FORMS": 0,
        "proof_points-INITIAL_FORMS": 0,
    }
    response = marketer_client.post(reverse("messaging:create", args=["pillars"]), pillar)
    assert BLANK_ERROR in response.content.decode()
    assert not GlossaryTerm.objects.exists()
    assert not Pillar.objects.exists()


def test_an_optional_field_may_stay_empty_but_not_invisible(marketer_client, marketer):
    data = {
        "title": "Payback deck",
        "description": "\u200b",
        "asset_type": Asset.Type.DECK,
        "stages": [BuyingStage.objects.get(slug="decision").pk],
        "owner": marketer.pk,
    }
    response = marketer_client.post(reverse("collateral:upload"), data)
    assert BLANK_ERROR in response.content.decode()


@pytest.mark.parametrize(
    "pasted",
    [
        "Finance\u00a0Fiona",  # a no-break space from Word
        "Finance  Fiona",  # two spaces
        "Fin\u200bance Fiona",  # a zero-width space
        "Finance Fiona\u200d",  # a joiner at the end
        "\u202aFinance Fiona\u202c",  # a bidi embedding around it
    ],
)
def test_a_pasted_name_that_looks_the_same_is_a_namesake(marketer_client, pasted):
    make_persona(name="Finance Fiona", slug="fiona")
    data = {"name": pasted, "slug": "", "buying_role": "user", "summary": "CFO."}
    response = marketer_client.post(reverse("personas:create"), data)
    assert response.status_code == 200
    assert "Another persona is already called “Finance Fiona”." in response.content.decode()
    assert Persona.objects.count() == 1


def test_names_are_stored_composed_and_without_direction_overrides(marketer_client):
    data = {"name": "Fi\u0300nance \u202eOlivia", "slug": "", "buying_role": "user"}
    response = marketer_client.post(reverse("personas:create"), {**data, "summary": "Ops."})
    assert response.status_code == 302
    persona = Persona.objects.get()
    assert persona.name == "F\u00ecnance Olivia"
    page = marketer_client.get(response["Location"]).content.decode()
    assert "“Fìnance Olivia” is saved as a draft" in page


def test_a_glossary_term_with_a_pasted_space_is_a_duplicate(marketer_client, marketer):
    make_term(marketer, term="Sales-ready lead")
    term = {"term": "Sales-ready\u00a0lead", "definition": "Again.", "change_note": "New"}
    response = marketer_client.post(reverse("messaging:create", args=["glossary"]), term)
    assert "“Sales-ready lead” is already in the glossary." in response.content.decode()
    assert GlossaryTerm.objects.count() == 1


def test_line_breaks_and_paragraph_spacing_stay_in_long_text(marketer_client):
    data = {"name": "Ops Olivia", "slug": "", "buying_role": "user", "summary": "Ops lead."}
    data["pains"] = "Late  orders\r\nChargebacks\u00a0weekly"
    assert marketer_client.post(reverse("personas:create"), data).status_code == 302
    assert Persona.objects.get().pains == "Late  orders\nChargebacks\u00a0weekly"


def test_a_flag_emoji_at_the_end_of_a_name_keeps_its_tag_characters():
    from personas.text import tidy

    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert tidy(f"Scottish Sam {scotland}", one_line=True) == f"Scottish Sam {scotland}"
    assert tidy("Sam\u200d\u200e ", one_line=True) == "Sam"
