"""Who may see and do what, for every persona page and action and every role.

Seeing a persona you may not see is a 404 (drafts do not reveal that they exist); an action
you may not take is a 403.
"""

import pytest
from django.urls import reverse

from personas.models import Persona

ROLES = ["marketer", "rep", "manager"]
NOT_MARKETING = ["rep", "manager"]


def client_of(request, role: str):
    return request.getfixturevalue(f"{role}_client")


@pytest.mark.parametrize("role", ROLES)
def test_everyone_with_an_account_can_list_and_read_published_personas(request, role, published):
    client = client_of(request, role)
    assert client.get(reverse("personas:list")).status_code == 200
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(reverse("personas:print", args=[published.slug])).status_code == 200


@pytest.mark.parametrize("role", NOT_MARKETING)
@pytest.mark.parametrize("page", ["detail", "print"])
def test_non_marketers_get_404_for_draft_and_archived_personas(
    request, role, page, draft, archived
):
    client = client_of(request, role)
    assert client.get(reverse(f"personas:{page}", args=[draft.slug])).status_code == 404
    assert client.get(reverse(f"personas:{page}", args=[archived.slug])).status_code == 404


@pytest.mark.parametrize("page", ["detail", "print", "preview", "edit"])
def test_marketer_can_open_every_page_of_a_draft(marketer_client, page, draft, archived):
    assert marketer_client.get(reverse(f"personas:{page}", args=[draft.slug])).status_code == 200
    assert (
        marketer_client.get(reverse(f"personas:{page}", args=[archived.slug])).status_code == 200
    )


@pytest.mark.parametrize("role", NOT_MARKETING)
def test_rep_list_shows_published_personas_only(request, role, published, draft, archived):
    body = client_of(request, role).get(reverse("personas:list")).content.decode()
    assert published.name in body
    assert draft.name not in body
    assert archived.name not in body


def test_rep_cannot_reveal_drafts_with_the_status_filter(rep_client, published, draft):
    body = rep_client.get(reverse("personas:list"), {"status": "draft"}).content.decode()
    assert draft.name not in body
    assert 'name="status"' not in body


def test_marketer_list_shows_drafts_and_archived_with_a_status_badge(
    marketer_client, published, draft, archived
):
    body = marketer_client.get(reverse("personas:list")).content.decode()
    assert published.name in body
    assert draft.name in body
    assert archived.name in body
    assert '<span class="badge badge--draft">Draft</span>' in body
    assert '<span class="badge badge--archived">Archived</span>' in body


@pytest.mark.parametrize("role", NOT_MARKETING)
@pytest.mark.parametrize("page", ["edit", "preview"])
def test_non_marketers_cannot_open_the_editor_or_preview(request, role, page, published, draft):
    client = client_of(request, role)
    assert client.get(reverse(f"personas:{page}", args=[published.slug])).status_code == 403
    # Checked before the lookup: no hint whether a draft exists, and no editing either way.
    assert client.get(reverse(f"personas:{page}", args=[draft.slug])).status_code == 403


@pytest.mark.parametrize("role", NOT_MARKETING)
def test_non_marketers_cannot_create_personas(request, role):
    client = client_of(request, role)
    assert client.get(reverse("personas:create")).status_code == 403
    response = client.post(
        reverse("personas:create"), {"name": "Sneaky", "buying_role": "user", "summary": "x"}
    )
    assert response.status_code == 403
    assert not Persona.objects.exists()


@pytest.mark.parametrize("role", NOT_MARKETING)
def test_non_marketers_cannot_edit_personas(request, role, published):
    response = client_of(request, role).post(
        reverse("personas:edit", args=[published.slug]),
        {"name": "Hacked", "buying_role": "user", "summary": "x"},
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.name == "Operations Olivia"


@pytest.mark.parametrize("role", NOT_MARKETING)
@pytest.mark.parametrize("action", ["publish", "archive", "redraft", "mark_reviewed"])
def test_non_marketers_cannot_change_status_or_review(request, role, action, published, draft):
    client = client_of(request, role)
    for persona in (published, draft):
        before = (persona.status, persona.reviewed_at)
        response = client.post(reverse(f"personas:{action}", args=[persona.slug]))
        assert response.status_code == 403
        persona.refresh_from_db()
        assert (persona.status, persona.reviewed_at) == before


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("publish", Persona.Status.DRAFT, Persona.Status.PUBLISHED),
        ("publish", Persona.Status.ARCHIVED, Persona.Status.PUBLISHED),
        ("archive", Persona.Status.PUBLISHED, Persona.Status.ARCHIVED),
        ("archive", Persona.Status.DRAFT, Persona.Status.ARCHIVED),
        ("redraft", Persona.Status.PUBLISHED, Persona.Status.DRAFT),
        ("redraft", Persona.Status.ARCHIVED, Persona.Status.DRAFT),
    ],
)
def test_marketer_moves_a_persona_between_statuses(marketer_client, draft, action, start, end):
    Persona.objects.filter(pk=draft.pk).update(status=start)
    response = marketer_client.post(reverse(f"personas:{action}", args=[draft.slug]), follow=True)
    assert response.redirect_chain == [(draft.get_absolute_url(), 302)]
    draft.refresh_from_db()
    assert draft.status == end
    assert "message--success" in response.content.decode()


def test_publishing_twice_says_so_and_changes_nothing(marketer_client, published):
    updated_at = published.updated_at
    response = marketer_client.post(
        reverse("personas:publish", args=[published.slug]), follow=True
    )
    assert "was already Published" in response.content.decode()
    published.refresh_from_db()
    assert published.updated_at == updated_at


def test_publish_from_a_page_opened_before_someone_archived_it_changes_nothing(
    marketer_client, draft
):
    page = marketer_client.get(draft.get_absolute_url()).content.decode()
    assert '<input type="hidden" name="from" value="draft">' in page
    Persona.objects.filter(pk=draft.pk).update(status=Persona.Status.ARCHIVED)  # a colleague
    url = reverse("personas:publish", args=[draft.slug])
    response = marketer_client.post(url, {"from": "draft"}, follow=True)
    assert "was made archived by someone else after you opened the page" in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.status == Persona.Status.ARCHIVED
    marketer_client.post(url, {"from": "archived"})
    draft.refresh_from_db()
    assert draft.status == Persona.Status.PUBLISHED
    # What no page sends is no claim about the page: the action runs as asked.
    archive = reverse("personas:archive", args=[draft.slug])
    marketer_client.post(archive, {"from": "bogus"})
    draft.refresh_from_db()
    assert draft.status == Persona.Status.ARCHIVED
    assert marketer_client.post(url, {"from": "draft\x00"}).status_code == 302


@pytest.mark.parametrize("action", ["publish", "archive", "redraft", "mark_reviewed"])
def test_status_actions_are_post_only(marketer_client, draft, action):
    response = marketer_client.get(reverse(f"personas:{action}", args=[draft.slug]))
    assert response.status_code == 405
    draft.refresh_from_db()
    assert draft.status == Persona.Status.DRAFT


def test_status_actions_on_an_unknown_persona_are_404(marketer_client):
    assert marketer_client.post(reverse("personas:publish", args=["nobody"])).status_code == 404


def test_anonymous_visitor_is_sent_to_login_from_a_persona(client, published):
    response = client.get(published.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_admin_without_marketing_group_can_edit_as_superuser(admin_user, client, draft):
    client.force_login(admin_user)
    assert client.get(reverse("personas:edit", args=[draft.slug])).status_code == 200
