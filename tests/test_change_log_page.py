"""The managers' change log page: filters, pagination, a formula-safe CSV, managers only."""

import csv
import io

import pytest
from django.urls import reverse

from personas import changelog
from personas.changelog import ChangeLog
from personas.models import Persona


@pytest.fixture
def persona(db):
    return Persona.objects.create(
        name='=HYPERLINK("http://evil")',
        slug="evil",
        buying_role=Persona.BuyingRole.USER,
        summary="x",
    )


def test_managers_filter_the_log_by_kind_action_person_and_name(manager_client, marketer, persona):
    changelog.record(persona, ChangeLog.Action.PUBLISH, marketer)
    changelog.record(persona, ChangeLog.Action.ARCHIVE, marketer)
    url = reverse("change_log")
    body = manager_client.get(url).content.decode()
    assert "2 changes" in body
    assert "Archived" in body
    body = manager_client.get(url, {"action": "publish", "who": "market"}).content.decode()
    assert "1 change" in body
    assert manager_client.get(url, {"object_type": "asset"}).context["page"].paginator.count == 0
    assert manager_client.get(url, {"q": "HYPERLINK"}).context["page"].paginator.count == 2


def test_who_finds_a_person_by_the_full_name_the_log_shows(manager_client, marketer, persona):
    marketer.first_name, marketer.last_name = "Monica", "Stone"
    marketer.save()
    changelog.record(persona, ChangeLog.Action.PUBLISH, marketer)
    url = reverse("change_log")
    for who in ["Monica Stone", "monica st", "Stone", marketer.get_username()]:
        assert manager_client.get(url, {"who": who}).context["page"].paginator.count == 1, who
    assert manager_client.get(url, {"who": "Stone Monica"}).context["page"].paginator.count == 0


def test_a_bad_filter_is_a_form_error_not_a_500(manager_client):
    response = manager_client.get(
        reverse("change_log"), {"since": "2026-02-01", "until": "2026-01-01", "action": "nope"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose a date on or after" in body
    assert "Select a valid choice" in body


def test_the_page_is_paginated(manager_client, marketer, persona):
    ChangeLog.objects.bulk_create(
        ChangeLog(object_type="persona", object_id="1", object_repr="P", action="edit")
        for _ in range(60)
    )
    page = manager_client.get(reverse("change_log")).context["page"]
    assert len(page.object_list) == 50
    assert page.has_next()


def test_the_csv_is_formula_safe_and_lists_each_changed_field(manager_client, marketer, persona):
    changelog.record(
        persona,
        ChangeLog.Action.EDIT,
        marketer,
        before={"name": "Old", "pains": ""},
        after={"name": "=1+1", "pains": "@SUM(A1)"},
    )
    response = manager_client.get(reverse("change_log_csv"), {"object_type": "persona"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["When", "Kind", "Id"]
    assert len(rows) == 3
    assert rows[1][3] == '\'=HYPERLINK("http://evil")'
    assert rows[1][6:] == ["name", "Old", "'=1+1"]
    assert rows[2][6:] == ["pains", "", "'@SUM(A1)"]


@pytest.mark.parametrize("who", ["rep", "marketer", "outsider"])
def test_the_log_page_and_csv_are_for_managers(request, who):
    client = request.getfixturevalue(f"{who}_client")
    assert client.get(reverse("change_log")).status_code == 403
    assert client.get(reverse("change_log_csv")).status_code == 403


def test_filters_with_an_error_hide_the_export_and_the_csv_is_a_400(manager_client, persona):
    inverted = {"since": "2026-12-06", "until": "2026-12-01"}
    page = manager_client.get(reverse("change_log"), inverted).content.decode()
    assert "Choose a date on or after the “From” date." in page
    assert reverse("change_log_csv") not in page
    export = manager_client.get(reverse("change_log_csv"), inverted)
    assert export.status_code == 400
    assert "Choose a date on or after the “From” date." in export.content.decode()
    assert export["Content-Type"].startswith("text/html")
    assert (
        manager_client.get(reverse("change_log_csv"), {"since": "2026-12-01"}).status_code == 200
    )
    assert reverse("change_log_csv") in manager_client.get(reverse("change_log")).content.decode()


def test_a_filter_in_error_is_left_out_and_the_others_still_apply(
    manager_client, marketer, persona
):
    changelog.record(persona, ChangeLog.Action.PUBLISH, marketer)
    ChangeLog.objects.create(
        object_type="glossary", object_id="7", object_repr="Sales-accepted lead", action="create"
    )
    only_glossary = {"object_type": "glossary", "since": "2026-02-30"}
    response = manager_client.get(reverse("change_log"), only_glossary)
    body = response.content.decode()
    assert "Enter a real date, e.g. 2026-12-01 (not 30 February)." in body
    assert "1 change, with the filters marked in error left out" in body
    assert "Sales-accepted lead" in body
    assert "HYPERLINK" not in body  # the persona's entry


def test_an_impossible_date_says_so_and_a_filter_that_finds_nothing_says_that(manager_client):
    body = manager_client.get(reverse("change_log"), {"until": "2026-02-30"}).content.decode()
    assert "Enter a real date, e.g. 2026-12-01 (not 30 February)." in body
    body = manager_client.get(reverse("change_log"), {"q": "zzzz"}).content.decode()
    assert "No change matches these filters." in body
    assert "No changes recorded yet." not in body


def test_kinds_read_as_the_filter_names_them(manager_client, persona):
    from personas.changelog import ChangeLog

    ChangeLog.objects.create(
        object_type="wording", object_id="1", object_repr="guaranteed", action="create"
    )
    body = manager_client.get(reverse("change_log")).content.decode()
    assert "(Messaging: retired wording)" in body
    assert "(wording)" not in body
    export = manager_client.get(reverse("change_log_csv")).content.decode("utf-8-sig")
    assert '"Messaging: retired wording","1","guaranteed"' in export
