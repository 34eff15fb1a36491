"""Search fixtures: a small world of personas, messaging and collateral made through the
real write paths (persona editor, messaging workflow, upload), so the index is what the
application wrote, not what a test inserted."""

import pytest
from django.urls import reverse
from PIL import Image

from collateral import demo_office, textpdf
from collateral.models import Asset, BuyingStage
from messaging.models import Objection, PersonaMessage, Pillar
from personas.models import Persona
from tests.collateral.conftest import (  # noqa: F401 (fixtures used here too)
    fast_pdf_previews,
    real_previews,
)
from tests.conftest import client_for
from tests.messaging.conftest import approve_one


def text_pdf(pages: list[str]) -> bytes:
    images = [Image.new("RGB", (320, 180), "white") for _ in pages]
    return textpdf.with_text_layer(images, [[text] for text in pages])


def persona_fields(**fields) -> dict:
    return {
        "name": "Finance Fiona",
        "slug": "finance-fiona",
        "buying_role": Persona.BuyingRole.ECONOMIC_BUYER,
        "summary": "CFO of a mid-market distributor.",
        "pains": "Carrier chargebacks hit the P&L weeks later\nSoft, unprovable ROI",
        **fields,
    }


def save_persona(client, *, status: str = "published", edit: str = "", **fields) -> Persona:
    """Create (or edit, when `edit` names a slug) a persona through the editor."""
    url = reverse("personas:edit", args=[edit]) if edit else reverse("personas:create")
    response = client.post(url, persona_fields(**fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    persona = Persona.objects.get(slug=fields.get("slug", "finance-fiona"))
    if status == "published" and persona.status != "published":
        client.post(reverse("personas:publish", args=[persona.slug]))
        persona.refresh_from_db()
    return persona


def upload(client, stage_map, owner, *, title, data, filename, personas=(), publish=True, **extra):
    """An asset through the upload form (extraction and indexing as in production)."""
    fields = {
        "title": title,
        "asset_type": extra.pop("asset_type", "deck"),
        "stages": [stage_map[slug].pk for slug in extra.pop("stage_slugs", ["decision"])],
        "personas": [persona.pk for persona in personas],
        "owner": owner.pk,
        "file": _upload(filename, data),
        **extra,
    }
    if publish:
        fields["publish"] = "on"
    response = client.post(reverse("collateral:upload"), fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Asset.objects.get(title=title)


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def stages(db) -> dict[str, BuyingStage]:
    return {stage.slug: stage for stage in BuyingStage.objects.all()}


@pytest.fixture
def world(marketer, stages):
    """Finance Fiona (published) and Procurement Paula (draft), both worried about
    chargebacks; approved and draft messaging; a published deck, a Word playbook, a draft and
    a retired asset, and an asset whose *old* version had a word the new one dropped."""
    editor = client_for(marketer)
    fiona = save_persona(editor)
    paula = save_persona(
        editor, status="draft", name="Procurement Paula", slug="procurement-paula"
    )
    message = PersonaMessage.objects.create(
        persona=fiona,
        headline="Stop paying for exceptions twice",
        key_messages="Every chargeback is visible the day it happens",
        created_by=marketer,
    )
    approve_one(message, marketer)
    objection = Objection.objects.create(
        persona=fiona,
        objection="Chargebacks are the carrier's problem",
        response="They land on your P&L; Flow shows them per order.",
        created_by=marketer,
    )
    approve_one(objection, marketer)
    response = editor.post(  # a draft, through the editor: never found by a rep
        reverse("messaging:create", args=["objections"]),
        {
            "persona": fiona.pk,
            "objection": "Draft objection about chargebacks",
            "response": "Not approved yet.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pillar = Pillar.objects.create(
        name="Numbers finance can trust", summary="Payback in months.", created_by=marketer
    )
    approve_one(pillar, marketer)
    deck = upload(
        editor,
        stages,
        marketer,
        title="Payback model walkthrough",
        data=demo_office.pptx(
            "Payback model",
            "For CFOs",
            [
                ("Inputs", ["Orders per day"], ""),
                ("Costs", ["Overtime"], "Ask for the annual chargeback total"),
            ],
        ),
        filename="payback.pptx",
        personas=[fiona],
    )
    playbook = upload(
        editor,
        stages,
        marketer,
        title="Exception desk playbook",
        data=demo_office.docx(
            "Playbook",
            [("Owners", ["Set up the desk"], []), ("Week one", ["The quokka queue"], [])],
        ),
        filename="playbook.docx",
        asset_type="whitepaper",
        stage_slugs=["consideration"],
    )
    pdf = upload(
        editor,
        stages,
        marketer,
        title="Northwind case study",
        data=text_pdf(["Northwind", "Exceptions fell", "Harbour zeppelin logistics"]),
        filename="northwind.pdf",
        personas=[fiona],
        asset_type="case_study",
    )
    draft = upload(
        editor,
        stages,
        marketer,
        title="Autumn teaser chargebacks",
        data=text_pdf(["Secret chargebacks launch"]),
        filename="teaser.pdf",
        publish=False,
    )
    retired = upload(
        editor,
        stages,
        marketer,
        title="Old price list",
        data=text_pdf(["Retired chargebacks pricing"]),
        filename="prices.pdf",
    )
    editor.post(reverse("collateral:retire", args=[retired.uuid]), {"reason": "old"})
    retired.refresh_from_db()
    assert retired.status == "retired"
    versioned = upload(
        editor,
        stages,
        marketer,
        title="Security overview",
        data=text_pdf(["Mentions wombat compliance"]),
        filename="security.pdf",
    )
    response = editor.post(
        reverse("collateral:version_new", args=[versioned.uuid]),
        {"file": _upload("security.pdf", text_pdf(["SOC 2 only now"])), "note": "v2"},
    )
    assert response.status_code == 302
    return {
        "fiona": fiona,
        "paula": paula,
        "message": message,
        "objection": objection,
        "deck": deck,
        "playbook": playbook,
        "pdf": pdf,
        "draft": draft,
        "retired": retired,
        "versioned": versioned,
    }
