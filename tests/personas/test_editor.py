"""Creating and editing personas: slugs, validation that keeps input, success messages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from personas.forms import PersonaForm
from personas.models import Persona
from tests.personas.conftest import make_persona

VALID = {
    "name": "Finance Fiona",
    "slug": "",
    "job_titles": "CFO\nFinance Director",
    "segment": "Mid-market logistics",
    "company_size": "251-1000",
    "buying_role": "economic_buyer",
    "summary": "Signs off software spend; judges on cost per order and payback.",
    "quote": "When do I get my money back?",
    "goals": "Lower cost per order\n\n- Payback under a year\n",
    "pains": "Overtime in peak",
}


def test_marketer_creates_a_draft_and_lands_on_its_preview(marketer_client, marketer):
    response = marketer_client.post(reverse("personas:create"), VALID, follow=True)
    persona = Persona.objects.get()
    assert response.redirect_chain == [(reverse("personas:preview", args=["finance-fiona"]), 302)]
    assert persona.slug == "finance-fiona"
    assert persona.status == Persona.Status.DRAFT
    assert persona.owner == marketer
    assert persona.reviewed_at == timezone.localdate()
    body = response.content.decode()
    assert "is saved as a draft" in body
    assert "<li>Lower cost per order</li><li>Payback under a year</li>" in body


def test_generated_slug_skips_addresses_already_taken(marketer_client):
    make_persona(name="Fiona from Finance", slug="finance-fiona")
    make_persona(name="Finance Fiona 2", slug="finance-fiona-2")
    marketer_client.post(reverse("personas:create"), VALID)
    assert Persona.objects.filter(slug="finance-fiona-3").exists()


def test_a_second_persona_with_the_same_name_is_a_form_error(marketer_client):
    make_persona(name="Finance Fiona", slug="fiona")
    response = marketer_client.post(
        reverse("personas:create"), {**VALID, "name": " finance fiona"}
    )
    assert response.status_code == 200
    assert "Another persona is already called “finance fiona”." in response.content.decode()
    assert Persona.objects.count() == 1
    # An archived namesake is in no list, so its name is free again...
    Persona.objects.update(status=Persona.Status.ARCHIVED)
    assert marketer_client.post(reverse("personas:create"), VALID).status_code == 302
    # ...and it cannot come back while the name is taken.
    archived = Persona.objects.get(slug="fiona")
    url = reverse("personas:publish", args=[archived.slug])
    page = marketer_client.post(url, {"from": "archived"}, follow=True).content.decode()
    assert "is now the name of another persona" in page
    archived.refresh_from_db()
    assert archived.status == Persona.Status.ARCHIVED
    # Archiving it again (a double click) is no name clash.
    url = reverse("personas:archive", args=[archived.slug])
    page = marketer_client.post(url, follow=True).content.decode()
    assert "was already Archived" in page


def test_a_name_without_letters_still_gets_an_address(marketer_client):
    marketer_client.post(reverse("personas:create"), {**VALID, "name": "???"})
    assert Persona.objects.filter(name="???", slug="persona").exists()


def test_a_typed_duplicate_slug_is_a_form_error_that_keeps_the_input(marketer_client):
    make_persona(name="Someone", slug="fiona")
    response = marketer_client.post(reverse("personas:create"), {**VALID, "slug": "fiona"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Another persona already uses the address “fiona”" in body
    assert 'value="Finance Fiona"' in body
    assert "Signs off software spend; judges on cost per order and payback." in body
    assert Persona.objects.count() == 1


def test_renaming_a_slug_onto_another_persona_is_a_form_error(marketer_client, published):
    other = make_persona(name="Other", slug="other")
    url = reverse("personas:edit", args=[other.slug])
    response = marketer_client.post(url, {**VALID, "name": "Other", "slug": published.slug})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Another persona already uses the address" in body
    # The page keeps working links to the persona as it is saved, not the typed slug.
    assert f'action="{url}"' in body
    other.refresh_from_db()
    assert other.slug == "other"


def test_keeping_its_own_slug_is_not_a_duplicate(marketer_client, published):
    url = reverse("personas:edit", args=[published.slug])
    response = marketer_client.post(url, {**VALID, "slug": published.slug})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.name == "Finance Fiona"


def test_the_new_page_address_is_reserved(marketer_client):
    response = marketer_client.post(reverse("personas:create"), {**VALID, "slug": "new"})
    assert "is reserved" in response.content.decode()
    assert not Persona.objects.exists()


def test_a_database_slug_race_is_a_form_error_not_a_500(marketer_client, published, monkeypatch):
    # Two editors pass the form check at the same moment; the unique constraint catches it.
    monkeypatch.setattr(PersonaForm, "clean_slug", lambda self: self.cleaned_data["slug"])
    monkeypatch.setattr(PersonaForm, "validate_unique", lambda self: None)
    monkeypatch.setattr(PersonaForm, "validate_constraints", lambda self: None)
    response = marketer_client.post(reverse("personas:create"), {**VALID, "slug": published.slug})
    assert response.status_code == 200
    assert "Another persona already uses this address" in response.content.decode()
    assert Persona.objects.count() == 1


def test_missing_required_fields_keep_everything_typed(marketer_client):
    data = {**VALID, "buying_role": "", "summary": ""}
    response = marketer_client.post(reverse("personas:create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please correct the 2 problems below." in body
    # Listed at the top with a link to each field, and again beside the field.
    assert '<a href="#id_buying_role">Buying role</a>: This field is required.' in body
    assert '<a href="#id_summary">Summary</a>: This field is required.' in body
    assert body.count("This field is required.") == 4
    assert 'value="Finance Fiona"' in body
    assert "CFO\nFinance Director</textarea>" in body
    assert 'value="When do I get my money back?"' in body
    assert not Persona.objects.exists()


def test_editing_a_published_persona_returns_to_its_profile(marketer_client, published):
    url = reverse("personas:edit", args=[published.slug])
    form = marketer_client.get(url).content.decode()
    assert 'value="Operations Olivia"' in form
    data = {**VALID, "name": "Operations Olivia", "slug": published.slug, "pains": "Late trucks"}
    response = marketer_client.post(url, data, follow=True)
    assert response.redirect_chain == [(published.get_absolute_url(), 302)]
    assert "Sales sees the changes now." in response.content.decode()
    published.refresh_from_db()
    assert published.pains == "Late trucks"
    assert published.status == Persona.Status.PUBLISHED


def test_editing_a_draft_returns_to_its_preview(marketer_client, draft):
    url = reverse("personas:edit", args=[draft.slug])
    response = marketer_client.post(url, {**VALID, "slug": draft.slug})
    assert response["Location"] == reverse("personas:preview", args=[draft.slug])


@pytest.mark.parametrize("field", ["name", "summary"])
def test_overlong_text_is_a_form_error(marketer_client, field):
    response = marketer_client.post(reverse("personas:create"), {**VALID, field: "x" * 5000})
    assert response.status_code == 200
    assert "Ensure this value has at most" in response.content.decode()
    assert not Persona.objects.exists()


def test_form_labels_every_input(marketer_client, published):
    body = marketer_client.get(reverse("personas:edit", args=[published.slug])).content.decode()
    for name in ["name", "slug", "job_titles", "segment", "buying_role", "summary", "photo"]:
        assert f'<label for="id_{name}"' in body


def test_a_save_on_a_form_opened_before_someone_elses_save_is_refused_once(
    marketer_client, published
):
    url = reverse("personas:edit", args=[published.slug])
    seen = marketer_client.get(url).context["form"]["seen"].value()
    assert seen == published.updated_at.isoformat()
    other = {**VALID, "slug": published.slug, "goals": "Their goal", "seen": seen}
    assert marketer_client.post(url, other).status_code == 302  # a colleague saves first

    mine = {**VALID, "slug": published.slug, "pains": "My pain", "seen": seen}
    response = marketer_client.post(url, mine)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else saved this persona after you opened it" in body
    assert "My pain" in body  # kept in the form
    published.refresh_from_db()
    assert (published.goals, published.pains) == ("Their goal", VALID["pains"])

    again = {**mine, "seen": response.context["form"]["seen"].value()}
    assert marketer_client.post(url, again).status_code == 302
    published.refresh_from_db()
    assert published.pains == "My pain"


def test_editing_an_archived_persona_says_it_stays_archived(marketer_client, published):
    Persona.objects.filter(pk=published.pk).update(status=Persona.Status.ARCHIVED)
    url = reverse("personas:edit", args=[published.slug])
    response = marketer_client.post(url, {**VALID, "slug": published.slug}, follow=True)
    assert "It is still archived." in response.content.decode()
