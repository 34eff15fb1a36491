"""Names that look blank (zero-width spaces and other invisible characters) are refused."""

import pytest
from django.urls import reverse

from collateral.models import Asset, BuyingStage
from messaging.models import GlossaryTerm, Pillar
from personas.models import Persona
from personas.text import looks_blank

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
