"""What the report pages say around their numbers: empty states that tell a filter from an
empty library, advice only to whoever can follow it, links that say what they export."""

from django.urls import reverse

from collateral.models import Asset


def test_a_filter_that_shows_nothing_is_not_called_a_clean_library(world, manager_client):
    stale = manager_client.get(reverse("collateral:audit_stale"), {"type": "video"})
    assert "Nothing stale among the assets these filters show." in stale.content.decode()
    unused = manager_client.get(reverse("collateral:audit_unused"), {"type": "video"})
    assert "No unused asset among those these filters show." in unused.content.decode()


def test_the_summary_advises_retiring_only_who_can_and_only_when_there_is_something(
    world, manager_client, marketer_client
):
    advice = "Retire them or give them a review date."
    assert advice in manager_client.get(reverse("collateral:audit")).content.decode()
    assert advice not in marketer_client.get(reverse("collateral:audit")).content.decode()
    Asset.objects.update(status=Asset.Status.RETIRED)
    assert advice not in manager_client.get(reverse("collateral:audit")).content.decode()


def test_each_usage_export_link_says_what_it_exports(world, manager_client):
    body = manager_client.get(reverse("collateral:audit_usage")).content.decode()
    assert 'Export CSV<span class="visually-hidden"> of use per week</span>' in body
    assert 'Export CSV<span class="visually-hidden"> of use per asset</span>' in body


def test_recent_actions_scroll_by_keyboard_on_a_phone(world, manager_client):
    from collateral.models import AuditEntry

    AuditEntry.objects.create(user=world.users["manager"], action=AuditEntry.Action.RETIRE)
    body = manager_client.get(reverse("collateral:audit")).content.decode()
    assert 'tabindex="0" role="region" aria-labelledby="recent"' in body
