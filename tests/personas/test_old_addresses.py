"""A persona whose address changed is still reached at the old one: bookmarks, mail and notes
keep working, page by page; an old address never leads anyone to what they may not see."""

import pytest
from django.urls import reverse

from personas.addresses import OldAddress
from personas.models import Persona
from tests.personas.conftest import make_persona
from tests.personas.test_editor import VALID

pytestmark = pytest.mark.django_db


def move(client, persona, slug):
    url = reverse("personas:edit", args=[persona.slug])
    fields = {**VALID, "name": persona.name, "slug": slug}
    page = client.get(url)
    fields["seen"] = page.context["form"].seen_token()
    assert client.post(url, fields).status_code == 302


@pytest.fixture
def moved(marketer_client) -> Persona:
    persona = make_persona(name="Finance Fiona", slug="finance-fiona")
    move(marketer_client, persona, "fiona-cfo")
    return Persona.objects.get(pk=persona.pk)


@pytest.mark.parametrize("page", ["", "brief/", "print/"])
def test_an_old_address_redirects_to_the_same_page_at_the_new_one(rep_client, moved, page):
    response = rep_client.get(f"/personas/finance-fiona/{page}?from=mail")
    assert response.status_code == 302
    assert response.url == f"/personas/fiona-cfo/{page}?from=mail"
    assert rep_client.get(response.url).status_code == 200


def test_an_old_address_of_a_draft_is_still_a_404_for_reps(rep_client, moved):
    Persona.objects.filter(pk=moved.pk).update(status=Persona.Status.DRAFT)
    assert rep_client.get("/personas/finance-fiona/").status_code == 404


def test_an_old_address_taken_by_another_persona_is_that_persona(rep_client, moved):
    make_persona(name="Fiona at Northwind", slug="finance-fiona")
    response = rep_client.get("/personas/finance-fiona/")
    assert response.status_code == 200
    assert "Fiona at Northwind" in response.content.decode()


def test_moving_back_to_an_old_address_frees_it(marketer_client, rep_client, moved):
    move(marketer_client, moved, "finance-fiona")
    assert not OldAddress.objects.filter(slug="finance-fiona").exists()
    assert rep_client.get("/personas/finance-fiona/").status_code == 200
    assert rep_client.get("/personas/fiona-cfo/").url == "/personas/finance-fiona/"


def test_posts_to_an_old_address_are_not_redirected(marketer_client, moved):
    response = marketer_client.post("/personas/finance-fiona/publish/", {"from": "published"})
    assert response.status_code == 404


def test_a_new_persona_at_an_old_address_takes_it_over(marketer_client, rep_client, moved):
    from tests.personas.test_editor import VALID

    response = marketer_client.post(
        reverse("personas:create"),
        {**VALID, "name": "Fiona at Northwind", "slug": "finance-fiona"},
    )
    assert response.status_code == 302
    assert not OldAddress.objects.filter(slug="finance-fiona").exists()
    # A draft: a 404 for reps, not a redirect to the persona that left the address.
    assert rep_client.get("/personas/finance-fiona/").status_code == 404


@pytest.mark.parametrize("who", ["client", "outsider_client"])
def test_nobody_outside_learns_where_a_persona_moved(request, moved, who):
    client = request.getfixturevalue(who)
    response = client.get("/personas/finance-fiona/no-such-page/")
    assert "fiona-cfo" not in response.get("Location", "")
