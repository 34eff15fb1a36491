"""The period, filters, sorting and pages read from the query string never fail a report."""

import pytest
from django.urls import reverse

from personas.roles import MARKETING
from tests.collateral.audit.conftest import days_ago, make_asset
from tests.conftest import make_user

REPORTS = ["audit", "audit_unused", "audit_usage", "audit_coverage", "audit_stale"]


@pytest.mark.parametrize("name", REPORTS)
def test_an_invalid_period_falls_back_to_90_days(world, manager_client, name):
    for days in ["7", "abc", "-1", "", "9" * 30, "90.0", "ninety"]:
        response = manager_client.get(reverse(f"collateral:{name}"), {"days": days})
        assert response.status_code == 200
        assert response.context["filters"].period.days == 90


@pytest.mark.parametrize("days", [30, 90, 180, 365])
def test_each_offered_period_is_used(world, manager_client, days):
    response = manager_client.get(reverse("collateral:audit_unused"), {"days": days})
    assert response.context["filters"].period.days == days
    assert f'<option value="{days}" selected>' in response.content.decode()


ODD_PARAMS = [
    {"persona": "nobody"},
    {"persona": "draft-dora"},  # not published: not a filter choice
    {"stage": "'; DROP TABLE"},
    {"type": "spreadsheet"},
    {"show": "everything"},
    {"reason": "vibes"},
    {"page": "abc"},
    {"page": "999"},
    {"sort": "password"},
    {"sort": "-"},
    {"table": "../../etc"},
]


@pytest.mark.parametrize(
    "name",
    [*REPORTS, "audit_unused_csv", "audit_usage_csv", "audit_stale_csv", "audit_coverage_csv"],
)
def test_odd_query_strings_are_ignored_not_a_500(world, manager_client, name):
    for params in ODD_PARAMS:
        assert manager_client.get(reverse(f"collateral:{name}"), params).status_code == 200


def test_unknown_filters_show_everything(world, manager_client):
    response = manager_client.get(reverse("collateral:audit_unused"), {"persona": "nobody"})
    assert response.context["filters"].persona is None
    assert [a.title for a in response.context["page_obj"]] == world.titles("C", "B")


def test_sorting_marks_the_column_and_links_to_the_other_direction(world, manager_client):
    response = manager_client.get(reverse("collateral:audit_unused"), {"sort": "title"})
    body = response.content.decode()
    assert [a.title for a in response.context["page_obj"]] == world.titles("C", "B")
    assert 'aria-sort="ascending"' in body
    assert 'href="?sort=-title"' in body
    descending = manager_client.get(reverse("collateral:audit_unused"), {"sort": "-title"})
    assert [a.title for a in descending.context["page_obj"]] == world.titles("B", "C")
    assert 'aria-sort="descending"' in descending.content.decode()


def test_sort_links_keep_the_filters_and_drop_the_page(world, manager_client):
    body = manager_client.get(
        reverse("collateral:audit_usage"), {"days": 30, "type": "deck", "page": 1}
    ).content.decode()
    assert 'href="?days=30&amp;type=deck&amp;sort=title"' in body


def test_usage_table_sorts_by_unique_users_and_by_title(world, manager_client):
    url = reverse("collateral:audit_usage")
    by_unique = manager_client.get(url, {"sort": "-unique"}).context["page_obj"]
    # A, E and I each reached two people: the title breaks the tie; H reached one.
    assert [a.title for a in by_unique][:4] == [
        *sorted(world.titles("A", "E", "I")),
        *world.titles("H"),
    ]
    by_title = manager_client.get(url, {"sort": "title"}).context["page_obj"]
    titles = [a.title for a in by_title]
    assert titles == sorted(titles, key=str.casefold)


@pytest.mark.parametrize("name", ["audit_unused", "audit_usage"])
def test_titles_sort_regardless_of_case(world, manager_client, marketer, name):
    """In SQL (unused) and in Python (usage) alike: "eBook" among the E's, not after "Zoo"."""
    for title in ["Zoo tour deck", "eBook on carriers", "Dispatch deck"]:
        make_asset(title, "deck", marketer, status="published", published_at=days_ago(400))
    page = manager_client.get(reverse(f"collateral:{name}"), {"sort": "title"})
    titles = [asset.title for asset in page.context["page_obj"]]
    mine = [title for title in titles if title.endswith(("deck", "carriers"))]
    assert (
        mine.index("Dispatch deck") < mine.index("eBook on carriers") < mine.index("Zoo tour deck")
    )


def test_stale_sorts_empty_review_dates_last_both_ways(world, manager_client):
    url = reverse("collateral:audit_stale")
    ascending = [a.title for a, _ in manager_client.get(url).context["rows"]]
    descending = [
        a.title for a, _ in manager_client.get(url, {"sort": "-review_by"}).context["rows"]
    ]
    assert ascending[0] == descending[0] == world.assets["E"].title


def test_owner_sorts_by_the_name_shown(world, manager_client, marketer):
    """Full name where there is one, the username otherwise, whatever the case."""
    names = {"zed": ("", ""), "bob-z": ("bob", "Zulu"), "bob-a": ("Bob", "Adams")}
    for username, (first, last) in names.items():
        owner = make_user(username, MARKETING)
        owner.first_name, owner.last_name = first, last
        owner.save()
        make_asset(
            f"Owned by {username}",
            "deck",
            owner,
            status="published",
            published_at=days_ago(400),
            created_at=days_ago(400),
        )
    page = manager_client.get(reverse("collateral:audit_unused"), {"sort": "owner"})
    owners = [asset.owner.username for asset in page.context["page_obj"]]
    mine = [username for username in owners if username in names]
    assert mine == ["bob-a", "bob-z", "zed"]
