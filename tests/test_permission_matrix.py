"""Every URL of the project × every role × GET and POST: who gets 200/302, 403, 404 or 405.

One matrix for the whole project (checklist D16, #14.12). Objects a user may not see are 404;
actions they may not take are 403; read-only pages answer POST with 405 and actions answer GET
with 405; anonymous visitors are sent to a login page; a signed-in person with no role gets
the "no role yet" page (403) everywhere but home and sign-out. `test_every_url_has_rows`
walks the URL resolver and fails when a pattern has no GET row and no POST row here, so a new
page cannot ship without saying who may open it.

The admin's own pages are Django's (staff only, each checked by the admin itself); the matrix
covers its index and login, and `ADMIN_NAMESPACE` keeps the rest out of the walk.
"""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from collateral.models import Asset, ContentRequest
from messaging import workflow
from messaging.models import RetiredWording
from personas.models import Persona
from tests.collateral.conftest import make_asset, stages  # noqa: F401 (fixtures used below)
from tests.conftest import client_for
from tests.messaging.conftest import (
    approve_one,
    make_boilerplate,
    make_message,
    make_objection,
    make_pillar,
    make_term,
    new_positioning,
    sign_both,
)

ROLES = ["anonymous", "norole", "rep", "marketer", "manager", "admin"]
EDITORS = {"marketer": 200, "admin": 200}
ADMIN_NAMESPACE = "admin"


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per role: `default` for every role with a role, unless overridden.

    Anonymous visitors are redirected to sign in (302); people with no role get 403.
    """
    statuses = dict.fromkeys(ROLES, default)
    statuses["anonymous"] = 302
    statuses["norole"] = 403
    statuses.update(overrides)
    return statuses


def editors(status: int = 200, others: int = 403) -> dict[str, int]:
    """Marketing's pages and actions: `status` for marketers and admins, `others` for the rest."""
    return expect(others, marketer=status, admin=status)


READ = expect(200)
NOT_ALLOWED = expect(405)
AUDIT_READ = expect(200, rep=403)
AUDIT_POST = expect(405, rep=403)

# (url name, object, method, POST data, expected statuses)
MATRIX = [
    # --- config: home, sign-in, sign-out, admin ---------------------------------------------
    ("home", None, "get", None, expect(200, norole=200)),
    ("home", None, "post", None, expect(405)),
    # Signed-in people are sent on from the login page (no-role people too: to their page).
    ("login", None, "get", None, expect(302, anonymous=200, norole=302)),
    ("login", None, "post", {}, expect(302, anonymous=200, norole=302)),
    ("logout", None, "get", None, expect(200, norole=200, anonymous=200)),
    ("logout", None, "post", None, expect(302, norole=302)),
    ("admin:index", None, "get", None, expect(302, admin=200)),
    ("admin:index", None, "post", None, expect(302, admin=200)),
    # Django's admin login answers signed-in non-staff with its form and an explanation.
    ("admin:login", None, "get", None, expect(200, anonymous=200, admin=302)),
    ("admin:login", None, "post", {}, expect(200, anonymous=200)),
    ("search", None, "get", None, READ),
    ("search", None, "post", None, NOT_ALLOWED),
    ("profile", None, "get", None, READ),
    ("profile", None, "post", {}, READ),
    # The change log across everything is a managers' page (each object's History is also
    # Marketing's).
    ("change_log", None, "get", None, expect(403, manager=200, admin=200)),
    ("change_log", None, "post", None, NOT_ALLOWED),
    ("change_log_csv", None, "get", None, expect(403, manager=200, admin=200)),
    ("change_log_csv", None, "post", None, NOT_ALLOWED),
    # --- personas ------------------------------------------------------------------------
    ("personas:list", None, "get", None, READ),
    ("personas:list", None, "post", None, NOT_ALLOWED),
    ("personas:create", None, "get", None, editors()),
    ("personas:create", None, "post", {}, editors()),
    ("personas:detail", "persona", "get", None, READ),
    ("personas:detail", "draft_persona", "get", None, editors(others=404)),
    ("personas:detail", "persona", "post", None, NOT_ALLOWED),
    ("personas:edit", "persona", "get", None, editors()),
    ("personas:edit", "persona", "post", {}, editors()),
    ("personas:preview", "draft_persona", "get", None, editors()),
    ("personas:preview", "draft_persona", "post", None, NOT_ALLOWED),
    ("personas:print", "persona", "get", None, READ),
    ("personas:print", "draft_persona", "get", None, editors(others=404)),
    ("personas:print", "persona", "post", None, NOT_ALLOWED),
    ("personas:publish", "draft_persona", "post", None, editors(302)),
    ("personas:publish", "draft_persona", "get", None, NOT_ALLOWED),
    ("personas:archive", "persona", "post", None, editors(302)),
    ("personas:archive", "persona", "get", None, NOT_ALLOWED),
    ("personas:redraft", "persona", "post", None, editors(302)),
    ("personas:redraft", "persona", "get", None, NOT_ALLOWED),
    ("personas:mark_reviewed", "persona", "post", None, editors(302)),
    ("personas:mark_reviewed", "persona", "get", None, NOT_ALLOWED),
    ("personas:photo", "photo_persona", "get", None, READ),
    ("personas:photo", "draft_persona", "get", None, editors(404, others=404)),
    ("personas:photo", "photo_persona", "post", None, NOT_ALLOWED),
    ("personas:thumbnail", "photo_persona", "get", None, READ),
    ("personas:thumbnail", "photo_persona", "post", None, NOT_ALLOWED),
    (
        "personas:history",
        "persona",
        "get",
        None,
        expect(403, marketer=200, manager=200, admin=200),
    ),
    ("personas:history", "persona", "post", None, NOT_ALLOWED),
    ("personas:brief", "persona", "get", None, READ),
    ("personas:brief", "draft_persona", "get", None, editors(others=404)),
    ("personas:brief", "persona", "post", None, NOT_ALLOWED),
    # --- messaging ------------------------------------------------------------------------
    ("messaging:home", None, "get", None, READ),
    ("messaging:home", None, "post", None, NOT_ALLOWED),
    ("messaging:review", None, "get", None, READ),
    ("messaging:review", None, "post", None, NOT_ALLOWED),
    ("messaging:newly_approved", None, "get", None, READ),
    ("messaging:newly_approved", None, "post", None, NOT_ALLOWED),
    ("messaging:glossary", None, "get", None, READ),
    ("messaging:glossary", None, "post", None, NOT_ALLOWED),
    ("messaging:objections", None, "get", None, READ),
    ("messaging:objections", None, "post", None, NOT_ALLOWED),
    ("messaging:positioning", "positioning_exists", "get", None, expect(302)),
    ("messaging:positioning", None, "post", None, NOT_ALLOWED),
    ("messaging:positioning_detail", "positioning", "get", None, READ),
    ("messaging:positioning_detail", "positioning", "post", None, NOT_ALLOWED),
    ("messaging:pillar_detail", "pillar", "get", None, READ),
    ("messaging:pillar_detail", "draft_pillar", "get", None, editors(others=404)),
    ("messaging:pillar_detail", "pillar", "post", None, NOT_ALLOWED),
    ("messaging:message_detail", "message", "get", None, READ),
    ("messaging:message_detail", "message", "post", None, NOT_ALLOWED),
    ("messaging:boilerplate_detail", "boilerplate", "get", None, READ),
    ("messaging:boilerplate_detail", "boilerplate", "post", None, NOT_ALLOWED),
    ("messaging:term_detail", "term", "get", None, READ),
    ("messaging:term_detail", "term", "post", None, NOT_ALLOWED),
    ("messaging:objection_detail", "objection", "get", None, READ),
    ("messaging:objection_detail", "objection", "post", None, NOT_ALLOWED),
    ("messaging:wording", None, "get", None, READ),
    ("messaging:wording", None, "post", None, NOT_ALLOWED),
    ("messaging:wording_detail", "wording", "get", None, READ),
    ("messaging:wording_detail", "wording", "post", None, NOT_ALLOWED),
    ("messaging:create", "kind", "get", None, editors()),
    ("messaging:create", "kind", "post", {}, editors()),
    ("messaging:edit", "pillar_key", "get", None, editors()),
    ("messaging:edit", "pillar_key", "post", {}, editors()),
    ("messaging:history", "pillar_key", "get", None, editors(others=404)),
    ("messaging:history", "pillar_key", "post", None, NOT_ALLOWED),
    (
        "messaging:changes",
        "pillar_key",
        "get",
        None,
        expect(403, marketer=200, manager=200, admin=200),
    ),
    ("messaging:changes", "pillar_key", "post", None, NOT_ALLOWED),
    ("messaging:compare", "pillar_compare", "get", None, editors(others=404)),
    ("messaging:compare", "pillar_compare", "post", None, NOT_ALLOWED),
    ("messaging:version", "pillar_version", "get", None, READ),
    ("messaging:version", "draft_pillar_version", "get", None, editors(others=404)),
    ("messaging:version", "pillar_version", "post", None, NOT_ALLOWED),
    ("messaging:submit", "draft_pillar_version", "post", None, editors(302)),
    ("messaging:submit", "draft_pillar_version", "get", None, NOT_ALLOWED),
    # Sign-offs are people's, not administration's: a superuser approves and signs nothing.
    ("messaging:approve", "review_pillar_version", "post", None, expect(403, marketer=302)),
    ("messaging:approve", "review_pillar_version", "get", None, NOT_ALLOWED),
    ("messaging:sign", "review_term_version", "post", {}, expect(302, admin=403)),
    ("messaging:sign", "review_term_version", "get", None, NOT_ALLOWED),
    ("messaging:retire", "pillar_version", "post", None, editors(302)),
    ("messaging:retire", "pillar_version", "get", None, NOT_ALLOWED),
    # --- collateral -----------------------------------------------------------------------
    ("collateral:library", None, "get", None, READ),
    ("collateral:library", None, "post", None, NOT_ALLOWED),
    ("collateral:upload", None, "get", None, editors()),
    # An empty form: editors see its errors (200); nobody else gets that far.
    ("collateral:upload", None, "post", {}, editors()),
    ("collateral:request_queue", None, "get", None, editors()),
    ("collateral:request_queue", None, "post", None, NOT_ALLOWED),
    ("collateral:request_new", None, "get", None, expect(403, rep=200, manager=200)),
    (
        "collateral:request_new",
        None,
        "post",
        {"description": "x"},
        expect(403, rep=302, manager=302),
    ),
    ("collateral:requests_mine", None, "get", None, expect(403, rep=200, manager=200)),
    ("collateral:requests_mine", None, "post", None, NOT_ALLOWED),
    ("collateral:request_respond", "request", "get", None, editors()),
    (
        "collateral:request_respond",
        "request",
        "post",
        {"status": "planned", "response": "May"},
        editors(302),
    ),
    ("collateral:asset_detail", "published", "get", None, READ),
    ("collateral:asset_detail", "draft", "get", None, editors(others=404)),
    ("collateral:asset_detail", "retired", "get", None, editors(others=404)),
    ("collateral:asset_detail", "published", "post", None, NOT_ALLOWED),
    ("collateral:asset_edit", "published", "get", None, editors()),
    ("collateral:asset_edit", "draft", "get", None, editors()),
    ("collateral:asset_edit", "published", "post", {}, editors()),
    ("collateral:feedback", "published", "get", None, expect(302)),  # back to the asset
    ("collateral:feedback", "published", "post", {"rating": 4}, expect(403, rep=302, manager=302)),
    ("collateral:feedback", "draft", "post", {"rating": 4}, expect(404, marketer=403, admin=403)),
    ("collateral:publish", "draft", "post", None, editors(302)),
    ("collateral:publish", "draft", "get", None, NOT_ALLOWED),
    ("collateral:unpublish", "published", "post", None, editors(302)),
    ("collateral:unpublish", "published", "get", None, NOT_ALLOWED),
    ("collateral:retire", "published", "get", None, expect(403, manager=200, **EDITORS)),
    (
        "collateral:retire",
        "published",
        "post",
        None,
        expect(403, manager=302, marketer=302, admin=302),
    ),
    ("collateral:retire", "draft", "get", None, expect(403, manager=404, **EDITORS)),
    ("collateral:download", "published", "get", None, READ),
    ("collateral:download", "published", "post", None, NOT_ALLOWED),
    ("collateral:download", "draft", "get", None, editors(others=404)),
    ("collateral:download", "retired", "get", None, editors(others=404)),
    ("collateral:preview", "published", "get", None, READ),
    ("collateral:preview", "published", "post", None, NOT_ALLOWED),
    ("collateral:preview", "draft", "get", None, editors(others=404)),
    ("collateral:version_new", "published", "get", None, editors()),
    ("collateral:version_new", "published", "post", {}, editors()),
    ("collateral:version_download", "old_version", "get", None, editors(others=404)),
    ("collateral:version_download", "current_version", "get", None, READ),
    ("collateral:version_download", "current_version", "post", None, NOT_ALLOWED),
    ("collateral:version_download", "draft_version", "get", None, editors(others=404)),
    ("collateral:outdated", None, "get", None, READ),
    ("collateral:outdated", None, "post", None, NOT_ALLOWED),
    ("collateral:whats_new", None, "get", None, READ),
    ("collateral:whats_new", None, "post", None, NOT_ALLOWED),
    # Nobody here holds an outdated copy, so there is no notice to dismiss.
    ("collateral:outdated_dismiss", "published", "post", {"version": "1"}, expect(404)),
    ("collateral:outdated_dismiss", "published", "get", None, NOT_ALLOWED),
    ("collateral:history", "published", "get", None, expect(403, manager=200, **EDITORS)),
    ("collateral:history", "draft", "get", None, expect(404, **EDITORS)),
    ("collateral:history", "published", "post", None, NOT_ALLOWED),
    # Download histories (DESIGN §5a): your own for everyone; someone else's for Managers.
    ("collateral:my_downloads", None, "get", None, READ),
    ("collateral:my_downloads", None, "post", None, NOT_ALLOWED),
    (
        "collateral:person_downloads",
        "the_rep",
        "get",
        None,
        expect(403, rep=200, manager=200, admin=200),
    ),
    ("collateral:person_downloads", "the_rep", "post", None, NOT_ALLOWED),
    ("collateral:team_people", None, "get", None, expect(403, manager=200, admin=200)),
    ("collateral:team_people", None, "post", None, NOT_ALLOWED),
    # --- collateral: the audit (Managers act, Marketing reads, reps are refused) ----------
    *[
        row
        for name in (
            "audit",
            "audit_unused",
            "audit_unused_csv",
            "audit_usage",
            "audit_usage_csv",
            "audit_coverage",
            "audit_coverage_csv",
            "audit_stale",
            "audit_stale_csv",
        )
        for row in (
            (f"collateral:{name}", None, "get", None, AUDIT_READ),
            (f"collateral:{name}", None, "post", None, AUDIT_POST),
        )
    ],
    # An empty selection goes back to the report with a message; non-managers never get there.
    (
        "collateral:audit_bulk",
        None,
        "post",
        {"action": "retire"},
        expect(403, manager=302, admin=302),
    ),
    ("collateral:audit_bulk", None, "get", None, expect(403, manager=405, admin=405)),
    ("collateral:audit_retire", None, "post", {}, expect(403, manager=302, admin=302)),
    ("collateral:audit_retire", None, "get", None, expect(403, manager=405, admin=405)),
]


def _photo_persona() -> Persona:
    persona = Persona.objects.create(
        name="Photo Pam", slug="photo-pam", status=Persona.Status.PUBLISHED
    )
    persona.photo.save("p.webp", ContentFile(b"RIFF....WEBP"), save=False)
    persona.thumbnail.save("t.webp", ContentFile(b"RIFF....WEBP"), save=False)
    persona.save()
    return persona


def _in_review(item, marketer):
    workflow.submit(item, marketer)
    return item


@pytest.fixture
def objects(make_asset, marketer, manager, rep):  # noqa: F811 (the imported fixture)
    """The URL arguments of each object kind, made only when a row asks for them."""

    def persona(status=Persona.Status.PUBLISHED, slug="finance-fiona"):
        return Persona.objects.create(name=slug.title(), slug=slug, status=status)

    def pillar():
        return approve_one(make_pillar(marketer), marketer)

    def asset_with_preview(title, **options):
        asset = make_asset(title, **options)
        asset.current_version.preview.save("p.webp", ContentFile(b"RIFF....WEBP"))
        return asset

    builders = {
        "persona": lambda: [persona().slug],
        "draft_persona": lambda: [persona(Persona.Status.DRAFT, "draft-dora").slug],
        "photo_persona": lambda: [_photo_persona().slug],
        "positioning_exists": lambda: (
            sign_both(new_positioning(marketer), marketer, manager) and []
        ),
        "positioning": lambda: [sign_both(new_positioning(marketer), marketer, manager).version],
        "pillar": lambda: [pillar().key],
        "draft_pillar": lambda: [make_pillar(marketer).key],
        "message": lambda: [approve_one(make_message(marketer, persona()), marketer).key],
        "boilerplate": lambda: [approve_one(make_boilerplate(marketer), marketer).key],
        "term": lambda: [sign_both(make_term(marketer), marketer, manager).key],
        "objection": lambda: [approve_one(make_objection(marketer), marketer).key],
        "wording": lambda: [
            approve_one(
                RetiredWording.objects.create(
                    phrase="FlowDesk", replacement="Flow", reason="Renamed.", created_by=marketer
                ),
                marketer,
            ).key
        ],
        "kind": lambda: ["pillars"],
        "pillar_key": lambda: ["pillars", pillar().key],
        "pillar_compare": lambda: ["pillars", pillar().key, 1, 1],
        "pillar_version": lambda: ["pillars", pillar().key, 1],
        "draft_pillar_version": lambda: ["pillars", make_pillar(marketer).key, 1],
        "review_pillar_version": lambda: [
            "pillars",
            _in_review(make_pillar(marketer), marketer).key,
            1,
        ],
        "review_term_version": lambda: [
            "glossary",
            _in_review(make_term(marketer), marketer).key,
            1,
        ],
        "published": lambda: [asset_with_preview("Published").uuid],
        "draft": lambda: [asset_with_preview("Draft", status=Asset.Status.DRAFT).uuid],
        "retired": lambda: [make_asset("Retired", status=Asset.Status.RETIRED).uuid],
        "request": lambda: [
            ContentRequest.objects.create(requester=rep, description="Need a battlecard").pk
        ],
        "old_version": lambda: [make_asset("Published", versions=2).uuid, 1],
        "current_version": lambda: [make_asset("Published", versions=2).uuid, 2],
        "draft_version": lambda: [make_asset("Draft", status=Asset.Status.DRAFT).uuid, 1],
        "the_rep": lambda: [rep.pk],
    }
    return lambda key: builders[key]() if key else []


@pytest.fixture
def clients(marketer, rep, manager, outsider, admin_user) -> dict[str, Client]:
    users = {
        "norole": outsider,
        "rep": rep,
        "marketer": marketer,
        "manager": manager,
        "admin": admin_user,
    }
    return {"anonymous": Client(), **{role: client_for(user) for role, user in users.items()}}


ROWS = [
    pytest.param(name, obj, method, data, statuses, id=f"{name}-{obj or ''}-{method}")
    for name, obj, method, data, statuses in MATRIX
]


@pytest.mark.parametrize(("name", "obj", "method", "data", "statuses"), ROWS)
def test_role_matrix(objects, clients, name, obj, method, data, statuses):
    """Each role's request runs on the same objects and is rolled back afterwards, so one
    role's action (publish, retire, sign) never changes what the next role meets."""
    url = reverse(name, args=objects(obj))
    actual = {}
    for role in ROLES:
        with transaction.atomic():
            response = getattr(clients[role], method)(url, data or {})
            transaction.set_rollback(True)
        actual[role] = response.status_code
        if response.status_code == 302 and role == "anonymous":
            login = reverse("admin:login" if name.startswith("admin:") else "login")
            assert response["Location"].startswith(login)
        if role == "norole" and response.status_code == 403:
            assert "Your account has no role yet" in response.content.decode()
    assert actual == statuses


def url_names(patterns, namespace: str = "") -> list[str]:
    """Every pattern's full name (`namespace:name`), None for a pattern without a name."""
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner == ADMIN_NAMESPACE:
                continue
            prefix = f"{inner}:" if pattern.namespace else ""
            names += [
                f"{prefix}{name}" if name else None
                for name in url_names(pattern.url_patterns, inner)
            ]
        elif isinstance(pattern, URLPattern):
            names.append(pattern.name)
    return names


def test_every_url_has_a_get_row_and_a_post_row():
    names = url_names(get_resolver().url_patterns)
    assert None not in names, "every URL pattern needs a name (and rows in MATRIX)"
    expected = {(name, method) for name in names for method in ("get", "post")}
    expected |= {
        (f"{ADMIN_NAMESPACE}:{name}", m) for name in ("index", "login") for m in ("get", "post")
    }
    covered = {(name, method) for name, _obj, method, _data, _statuses in MATRIX}
    assert expected - covered == set(), "URL patterns without a row in MATRIX"
    assert covered - expected == set(), "rows in MATRIX for URL patterns that do not exist"


def test_the_walk_sees_every_app():
    names = url_names(get_resolver().url_patterns)
    for prefix in ("personas:", "messaging:", "collateral:audit"):
        assert any(name.startswith(prefix) for name in names), prefix
    assert "home" in names


def test_the_walk_fails_for_a_pattern_without_a_row():
    from django.urls import path

    extra = [path("extra/", lambda request: None, name="extra")]
    names = url_names([*get_resolver().url_patterns, *extra])
    covered = {row[0] for row in MATRIX}
    assert set(names) - covered == {"extra"}


def test_no_view_of_ours_is_csrf_exempt():
    root = Path(__file__).resolve().parents[1]
    for app in ("config", "personas", "messaging", "collateral"):
        for path in (root / app).rglob("*.py"):
            assert "csrf_exempt" not in path.read_text(), path
