"""The demo personas and the admin pages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from personas import demo
from personas.models import Persona, split_lines
from tests.personas.conftest import stored_files

DEMO_SLUGS = ["finance-fiona", "integration-ivan", "operations-olivia"]
LIST_FIELDS = [
    "goals",
    "pains",
    "priority_initiatives",
    "success_factors",
    "decision_criteria",
    "perceived_barriers",
    "objections",
    "channels",
]


def test_demo_seeds_three_published_personas_with_photos_and_a_draft(marketer, rep, media_root):
    demo.seed({"marketer": marketer, "rep": rep})
    published = Persona.objects.published().order_by("slug")
    assert [p.slug for p in published] == DEMO_SLUGS
    for persona in published:
        assert persona.owner == marketer
        assert persona.photo.name.endswith(".webp")
        assert persona.thumbnail
        assert persona.summary
        assert persona.quote
        assert persona.job_titles
        for field in LIST_FIELDS:
            assert 5 <= len(split_lines(getattr(persona, field))) <= 7, (persona.slug, field)
    assert {p.buying_role for p in published} == {"economic_buyer", "user", "technical_evaluator"}
    assert Persona.objects.get(slug="procurement-paula").status == Persona.Status.DRAFT
    # One persona is overdue for review, so the demo shows the amber marker.
    stale = [p.slug for p in published if p.review_is_stale]
    assert stale == ["operations-olivia"]
    assert len(stored_files(media_root)) == 6


def test_running_the_demo_twice_changes_nothing(marketer, rep, media_root):
    users = {"marketer": marketer, "rep": rep}
    demo.seed(users)
    before = list(Persona.objects.order_by("pk").values())
    files = stored_files(media_root)
    demo.seed(users)
    assert list(Persona.objects.order_by("pk").values()) == before
    assert stored_files(media_root) == files


def test_demo_keeps_a_persona_that_marketing_already_changed(marketer, rep):
    demo.seed({"marketer": marketer, "rep": rep})
    Persona.objects.filter(slug="finance-fiona").update(
        quote="Edited", reviewed_at=timezone.localdate() - timedelta(days=1)
    )
    demo.seed({"marketer": marketer, "rep": rep})
    assert Persona.objects.get(slug="finance-fiona").quote == "Edited"


def test_admin_lists_searches_and_filters_personas(admin_user, client, published, draft):
    client.force_login(admin_user)
    url = reverse("admin:personas_persona_changelist")
    body = client.get(url, {"q": "Olivia"}).content.decode()
    assert "Operations Olivia" in body
    assert "Draft Dora" not in body
    body = client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Draft Dora" in body
    assert "Operations Olivia" not in body
    change = client.get(reverse("admin:personas_persona_change", args=[published.pk]))
    assert change.status_code == 200
    # Photos only enter through the editor, which checks and re-encodes them.
    assert 'name="photo"' not in change.content.decode()
