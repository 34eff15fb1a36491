"""Property tests (Hypothesis) over the pages that combine the apps, the sign-in forms, the
profile page and the change log: never a 500, and a refused input writes nothing (issue #14,
point 13). Search has its own in tests/search/."""

import csv
import io

import pytest
from django.http import QueryDict
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from config.changes import OBJECT_TYPES, ChangeFilterForm
from personas import changelog
from personas.changelog import ChangeLog
from personas.models import Persona
from personas.people import Profile
from tests.hostile import (
    PAGE_PROPERTY,
    PROPERTY,
    date_text,
    encode,
    get_safely,
    hostile,
    params_for,
    post_safely,
)
from tests.personas.conftest import make_persona


def test_home_never_fails(rep_client):
    @PAGE_PROPERTY
    @given(params=params_for({"next": hostile("/"), "page": hostile(1)}))
    def check(params):
        get_safely(rep_client, reverse("home"), params)

    check()


def test_signing_in_and_out_never_fails(client, rep):
    """Sign-in writes by design (the session, and the throttle's record of a failure), so
    only "never a 500" holds here; a redirect never leaves the site."""

    @PROPERTY
    @given(
        params=params_for(
            {
                "username": hostile("rep"),
                "password": hostile("pw"),
                "next": hostile("/collateral/", "abc", "//evil.example", "https://evil.example"),
            }
        )
    )
    def check(params):
        for name in ("login", "logout"):
            response = client.post(
                reverse(name), encode(params), content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code < 500
            if response.status_code == 302:
                assert response["Location"].startswith("/")
                assert not response["Location"].startswith("//")

    check()


@pytest.fixture
def people_personas(db) -> dict[str, Persona]:
    """Two published personas a person may pick, and two they may not (draft, archived)."""
    return {
        "fiona": make_persona(name="Finance Fiona", slug="finance-fiona"),
        "olivia": make_persona(name="Operations Olivia", slug="operations-olivia"),
        "draft": make_persona(name="Draft Dora", slug="draft-dora", status="draft"),
        "archived": make_persona(name="Old Otto", slug="old-otto", status="archived"),
    }


def _last(value: str | list[str] | None) -> str | None:
    """What a form field reads from ?a=1&a=2: the last value."""
    return value[-1] if isinstance(value, list) else value


def test_profile_choices_never_fail_refusals_write_nothing_and_saved_choices_round_trip(
    rep_client, rep, people_personas
):
    pickable = {str(people_personas[name].pk) for name in ("fiona", "olivia")}
    ids = [persona.pk for persona in people_personas.values()]

    # Hostile values, and the form as a browser sends it (some of whose ids are not pickable).
    browser_form = st.fixed_dictionaries(
        {
            "mail": st.sampled_from(Profile.Mail.values),
            "personas": st.lists(
                st.sampled_from([str(pk) for pk in ids]), max_size=3, unique=True
            ),
        }
    )
    hostile_form = params_for(
        {
            "personas": hostile(*ids, 2**31, 2**63, -1),
            "mail": hostile(*Profile.Mail.values, "sometimes", "IMMEDIATE"),
        }
    )

    @PROPERTY
    @given(params=st.one_of(hostile_form, browser_form))
    def check(params):
        before = Profile.objects.get(user=rep)
        before_personas = set(before.personas.values_list("pk", flat=True))
        response = post_safely(rep_client, reverse("profile"), params)
        after = Profile.objects.get(user=rep)
        after_personas = {str(pk) for pk in after.personas.values_list("pk", flat=True)}
        sent = params.get("personas", [])
        sent = [sent] if isinstance(sent, str) else sent
        mail = _last(params.get("mail"))
        valid = mail in Profile.Mail.values and set(sent) <= pickable
        if response.status_code == 400:
            assert "NUL character" in response.content.decode()
        elif valid:
            assert response.status_code == 302
            assert response["Location"] == reverse("profile")
            assert (after.mail, after_personas) == (mail, set(sent))
        else:
            assert response.status_code == 200
            assert 'class="errorlist"' in response.content.decode()
            assert after.mail == before.mail
            assert set(after.personas.values_list("pk", flat=True)) == before_personas

    check()
    # A persona nobody may pick never ends up among anyone's choices.
    hidden = [people_personas["draft"], people_personas["archived"]]
    assert not Profile.personas.through.objects.filter(persona__in=hidden).exists()


def change_log_params(marketer) -> st.SearchStrategy[dict]:
    """Hostile filters, and filters as the page's own form sends them."""
    form_values = params_for(
        {
            "object_type": st.sampled_from([kind for kind, _ in OBJECT_TYPES]),
            "action": st.sampled_from(ChangeLog.Action.values),
            "who": st.sampled_from(["market", "Market", "nobody"]),
            "since": date_text,
            "until": date_text,
        }
    )
    return st.one_of(
        form_values,
        params_for(
            {
                "q": hostile("Fiona", "=HYPERLINK", "%", "_"),
                "object_type": hostile(*(kind for kind, _ in OBJECT_TYPES)),
                "action": hostile(*ChangeLog.Action.values),
                "who": hostile("market", marketer.username, "%"),
                "since": hostile("2026-01-01", "0001-01-01", "9999-12-31"),
                "until": hostile("2025-12-31", "0001-01-01", "9999-12-31"),
                "page": hostile(1, 2, 0, -1, "last"),
            }
        ),
    )


@pytest.fixture
def logged(marketer, people_personas) -> int:
    """A few recorded changes (a name that is a formula among them); returns how many."""
    fiona = people_personas["fiona"]
    fiona.name = '=HYPERLINK("http://evil")'
    changelog.record(fiona, ChangeLog.Action.PUBLISH, marketer)
    changelog.record(fiona, ChangeLog.Action.EDIT, marketer, before={"name": "Fiona"})
    changelog.record(people_personas["draft"], ChangeLog.Action.ARCHIVE, marketer)
    return ChangeLog.objects.count()


def test_change_log_filters_never_fail_and_a_bad_filter_is_shown_and_left_out(
    manager_client, marketer, logged
):
    @PAGE_PROPERTY
    @given(params=change_log_params(marketer))
    def check(params):
        response = get_safely(manager_client, reverse("change_log"), params)
        assert response.status_code in {200, 400}
        if response.status_code == 400:
            return
        form, count = response.context["form"], response.context["page"].paginator.count
        assert count <= logged
        if form.is_bound and not form.is_valid():
            body = response.content.decode()
            assert 'class="field-error"' in body
            assert "with the filters marked in error left out" in body
            # The same list as asking without the filters in error: the others still apply.
            kept = {name: value for name, value in params.items() if name not in form.errors}
            alone = manager_client.get(reverse("change_log"), kept)
            assert alone.context["page"].paginator.count == count

    check()


def test_change_log_csv_never_fails_stays_formula_safe_and_a_bad_filter_is_a_400(
    manager_client, marketer, logged
):
    def csv_rows(params) -> list[list[str]] | None:
        response = get_safely(manager_client, reverse("change_log_csv"), params)
        assert response.status_code in {200, 400}
        if response.status_code == 400:
            return None
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    everything = csv_rows({})
    assert len(everything) == 1 + logged  # the header, and one line per entry here

    @PAGE_PROPERTY
    @given(params=change_log_params(marketer))
    def check(params):
        rows = csv_rows(params)
        # A file cannot show that its filters were ignored, so a bad one is refused.
        assert (rows is None) == (not ChangeFilterForm(QueryDict(encode(params))).is_valid())
        if rows is None:
            return
        assert rows[0] == everything[0]
        for row in rows[1:]:
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row

    check()
