"""Property tests (Hypothesis) over the persona list's filters and the persona editor:
never a 500, and a refused input writes nothing (issue #14, point 13)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from personas.forms import LIST_FIELDS
from personas.models import Persona
from tests.hostile import PAGE_PROPERTY, PROPERTY, get_safely, hostile, params_for, post_safely
from tests.personas.conftest import image_bytes, upload

EDITOR_FIELDS = [
    "name",
    "slug",
    "segment",
    "company_size",
    "buying_role",
    "summary",
    "quote",
    "remove_photo",
    *LIST_FIELDS,
]


@pytest.mark.parametrize("role", ["rep_client", "marketer_client"])
def test_persona_list_filters_never_fail(request, published, draft, role):
    client = request.getfixturevalue(role)

    @PAGE_PROPERTY
    @given(
        params=params_for(
            {
                "segment": hostile("Mid-market logistics"),
                "buying_role": hostile(*Persona.BuyingRole.values),
                "status": hostile(*Persona.Status.values),
                "page": hostile(1, 2, 0, -1, "last"),
            }
        ),
        slug=st.sampled_from([published.slug, draft.slug]),
    )
    def check(params, slug):
        get_safely(client, reverse("personas:list"), params)
        for name in ("personas:detail", "personas:print"):
            get_safely(client, reverse(name, args=[slug]), params)

    check()


def editor_params(*ids) -> st.SearchStrategy[dict]:
    values = hostile("Operations Olivia", "operations-olivia", "new", "user", "51-250", *ids)
    return params_for(dict.fromkeys(EDITOR_FIELDS, values))


def test_new_personas_never_fail_and_refusals_write_nothing(marketer_client, published):
    photos = [None, ("a.png", image_bytes()), ("b.png", b"\x89PNG\r\n\x1a\n junk")]

    @PROPERTY
    @given(params=editor_params(published.slug), photo=st.sampled_from(photos))
    def check(params, photo):
        files = {"photo": upload(*photo)} if photo else None
        post_safely(marketer_client, reverse("personas:create"), params, files=files)

    check()


def test_persona_edits_never_fail_and_refusals_write_nothing(marketer_client, published, draft):
    @PROPERTY
    @given(params=editor_params(draft.slug))
    def check(params):
        post_safely(marketer_client, reverse("personas:edit", args=[published.slug]), params)

    check()
    # Another persona's address is never taken over.
    assert Persona.objects.filter(slug=draft.slug).count() == 1
