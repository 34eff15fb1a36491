"""Property tests (Hypothesis) over the pages that combine the apps and the sign-in forms:
never a 500 (issue #14, point 13)."""

from django.urls import reverse
from hypothesis import given

from tests.hostile import PAGE_PROPERTY, PROPERTY, encode, get_safely, hostile, params_for


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
