"""The change log of personas: edit, publish, archive, redraft and reviewed, shown as History."""

from django.urls import reverse
from django.utils import timezone

from personas.changelog import ChangeLog
from personas.models import Persona
from tests.personas.test_editor import VALID


def entries(persona):
    return list(
        ChangeLog.objects.filter(object_type="persona", object_id=str(persona.pk)).order_by("pk")
    )


def test_status_moves_and_reviews_are_recorded_with_who(marketer_client, marketer, draft):
    for action in ("publish", "archive", "redraft", "mark_reviewed"):
        marketer_client.post(reverse(f"personas:{action}", args=[draft.slug]))
    logged = entries(draft)
    assert [entry.action for entry in logged] == ["publish", "archive", "redraft", "reviewed"]
    assert logged[0].before == {"status": "Draft"}
    assert logged[0].after == {"status": "Published"}
    assert all(entry.user == marketer for entry in logged)
    assert logged[3].after == {"reviewed_at": timezone.localdate().isoformat()}


def test_publishing_twice_records_one_change(marketer_client, draft):
    for _ in range(2):
        marketer_client.post(reverse("personas:publish", args=[draft.slug]))
    assert len(entries(draft)) == 1


def test_an_edit_records_each_changed_field(marketer_client, manager_client, published):
    url = reverse("personas:edit", args=[published.slug])
    data = {**VALID, "name": "Operations Olivia", "slug": published.slug, "pains": "Late trucks"}
    marketer_client.post(url, data)
    edit = next(entry for entry in entries(published) if entry.action == "edit")
    assert edit.after["pains"] == "Late trucks"
    assert edit.before["pains"] == ""
    assert "name" not in edit.after
    body = manager_client.get(reverse("personas:history", args=[published.slug])).content
    assert "<ins>Late trucks</ins>" in body.decode()


def test_creating_a_persona_is_recorded(marketer_client):
    marketer_client.post(reverse("personas:create"), VALID)
    persona = Persona.objects.get()
    assert [entry.action for entry in entries(persona)] == ["create"]


def test_persona_history_is_403_for_reps_and_404_for_hidden_personas(
    rep_client, manager_client, marketer_client, published, draft
):
    assert rep_client.get(reverse("personas:history", args=[published.slug])).status_code == 403
    assert manager_client.get(reverse("personas:history", args=[draft.slug])).status_code == 404
    assert marketer_client.get(reverse("personas:history", args=[draft.slug])).status_code == 200
    page = manager_client.get(published.get_absolute_url()).content.decode()
    assert reverse("personas:history", args=[published.slug]) in page


def test_line_breaks_sent_by_a_browser_are_not_a_change(marketer_client, published):
    """Browsers send "\r\n"; the stored lists use "\n". Only the quote changed here."""
    url = reverse("personas:edit", args=[published.slug])
    data = {**VALID, "name": "Operations Olivia", "slug": published.slug}
    marketer_client.post(url, data)
    published.refresh_from_db()
    stored = published.goals
    assert "\n" in stored
    form = {**data, "goals": stored.replace("\n", "\r\n"), "quote": "New quote"}
    marketer_client.post(url, form)
    edit = [entry for entry in entries(published) if entry.action == "edit"][-1]
    assert set(edit.after) == {"quote"}
    published.refresh_from_db()
    assert published.goals == stored


def test_a_list_at_the_browsers_length_limit_is_accepted_with_its_line_breaks(
    marketer_client, published
):
    """A textarea's maxlength counts a line break once; the browser then sends it as two."""
    url = reverse("personas:edit", args=[published.slug])
    lines = ["x" * 47] * 82  # 82 lines: 3,935 characters with "\n", 4,016 with "\r\n"
    typed = "\n".join(lines)
    assert len(typed) <= 4000 < len(typed.replace("\n", "\r\n"))
    data = {**VALID, "name": "Operations Olivia", "slug": published.slug}
    response = marketer_client.post(url, {**data, "pains": typed.replace("\n", "\r\n")})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.pains == typed
