"""Property tests (Hypothesis) over the search page's parameters: never a 500, never a write,
bad input is a message on the page, and a rep never finds what they may not see (issue #14,
point 13)."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from collateral.models import Asset
from config.search import GROUPS
from messaging.models import Versioned
from personas.models import Persona
from tests.hostile import PROPERTY, get_safely, hostile, params_for

# Pieces of full-text syntax (FTS5, tsquery, web search) and words the world holds.
SOUP = [
    '"',
    "*",
    "NEAR(",
    ")",
    "-",
    "OR",
    "or",
    "AND",
    "NOT",
    "^",
    ":",
    "'",
    "\\",
    "&",
    "|",
    "!",
    "<->",
    "chargebacks",
    "zeppelin",
    "quokka",
    "the",
    "\x00",
]

operator_soup = st.lists(st.sampled_from(SOUP), min_size=1, max_size=14).flatmap(
    lambda parts: st.sampled_from([" ".join(parts), "".join(parts)])
)
long_queries = st.sampled_from(["a" * 10_000, "chargebacks " * 900, '"' * 10_000, "-x " * 3000])


def search_params(world) -> st.SearchStrategy[dict]:
    """Hostile parameters, and searches as the page's own form sends them."""
    slugs = [world["fiona"].slug, world["paula"].slug]
    kinds = [key for key, _ in GROUPS]
    words = ["chargebacks", "zeppelin or quokka", "teaser chargebacks", "price list", "paula"]
    from_the_form = st.fixed_dictionaries(
        {"q": st.one_of(operator_soup, st.sampled_from(words))},
        optional={
            "kind": st.sampled_from(["", *kinds]),
            "persona": st.sampled_from(["", *slugs]),
            "stage": st.sampled_from(["", "decision", "consideration"]),
            "page": st.integers(min_value=-2, max_value=10**6).map(str),
        },
    )
    return st.one_of(
        from_the_form,
        params_for(
            {
                "q": st.one_of(
                    operator_soup,
                    long_queries,
                    hostile("chargebacks", "zeppelin or quokka", '"chargebacks hit"', "OR OR"),
                ),
                "kind": hostile(*(key for key, _ in GROUPS)),
                "persona": hostile(*slugs, world["fiona"].pk),
                "stage": hostile("awareness", "decision", "consideration", "nowhere"),
                "page": hostile(1, 2, 0, -1, 10_000, 10_001, 2**63),
            }
        ),
    )


def hits_of(response) -> list:
    """The objects behind the shown hits (assets, personas, messaging items)."""
    found = []
    for group in response.context["groups"]:
        for hit in group.hits:
            found.append(
                getattr(hit, "asset", None)
                or getattr(hit, "persona", None)
                or getattr(hit, "item", hit)
            )
    return found


@pytest.mark.parametrize("role", ["rep_client", "marketer_client"])
def test_search_parameters_never_fail_write_nothing_and_bad_ones_are_dropped_or_a_message(
    request, world, role
):
    client = request.getfixturevalue(role)
    hidden_from_reps = {world["draft"].pk, world["retired"].pk}

    @PROPERTY
    @given(params=search_params(world))
    def check(params):
        response = get_safely(client, reverse("search"), params)
        assert response.status_code in {200, 400}
        if response.status_code == 400:
            assert "NUL character (%00)" in response.content.decode()
            return
        body = response.content.decode()
        errors = response.context["form"].errors
        if "q" in errors:
            assert response.context["message"]
            assert 'id="search-message" role="alert"' in body
            assert not response.context["groups"]
        elif errors:
            # A filter that does not validate is dropped, with a note for persona and stage.
            assert len(response.context["dropped"]) == len(set(errors) & {"persona", "stage"})
        if role == "rep_client":
            for thing in hits_of(response):
                assert not (isinstance(thing, Asset) and thing.pk in hidden_from_reps), thing
                assert not (isinstance(thing, Persona) and thing.status != "published"), thing
                assert not (isinstance(thing, Versioned) and not thing.is_approved), thing

    check()
