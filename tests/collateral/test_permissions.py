"""Every collateral page and action × every role: who gets 200/302, 403 or 404.

Objects a user may not see are 404; actions they may not take are 403; anonymous visitors
are sent to the login page. The matrix must cover every URL pattern of the app (checked).
"""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from collateral.models import Asset, ContentRequest

ROLES = ["anonymous", "outsider", "rep", "manager", "marketer", "admin"]
EDITORS = {"marketer": 200, "admin": 200}


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per role: `default` for signed-in roles unless overridden."""
    statuses = dict.fromkeys(ROLES, default)
    statuses["anonymous"] = 302
    statuses.update(overrides)
    return statuses


# (url name, object, method, POST data, expected statuses)
MATRIX = [
    ("library", None, "get", None, expect(200)),
    ("upload", None, "get", None, expect(403, **EDITORS)),
    # An empty form: editors see its errors (200); nobody else gets that far.
    ("upload", None, "post", {}, expect(403, **EDITORS)),
    ("request_queue", None, "get", None, expect(403, **EDITORS)),
    ("request_new", None, "get", None, expect(403, rep=200, manager=200)),
    ("request_new", None, "post", {"description": "x"}, expect(403, rep=302, manager=302)),
    ("requests_mine", None, "get", None, expect(403, rep=200, manager=200)),
    ("request_respond", "request", "get", None, expect(403, **EDITORS)),
    (
        "request_respond",
        "request",
        "post",
        {"status": "planned", "response": "May"},
        expect(403, marketer=302, admin=302),
    ),
    ("asset_detail", "published", "get", None, expect(200)),
    ("asset_detail", "draft", "get", None, expect(404, **EDITORS)),
    ("asset_detail", "retired", "get", None, expect(404, **EDITORS)),
    ("asset_edit", "published", "get", None, expect(403, **EDITORS)),
    ("asset_edit", "draft", "get", None, expect(403, **EDITORS)),
    ("asset_edit", "published", "post", {}, expect(403, **EDITORS)),
    ("feedback", "published", "get", None, expect(405)),
    ("feedback", "published", "post", {"rating": 4}, expect(403, rep=302, manager=302)),
    ("feedback", "draft", "post", {"rating": 4}, expect(404, marketer=403, admin=403)),
    ("publish", "draft", "post", None, expect(403, marketer=302, admin=302)),
    ("publish", "draft", "get", None, expect(405)),
    ("unpublish", "published", "post", None, expect(403, marketer=302, admin=302)),
    ("unpublish", "published", "get", None, expect(405)),
    ("retire", "published", "get", None, expect(403, manager=200, **EDITORS)),
    ("retire", "published", "post", None, expect(403, manager=302, marketer=302, admin=302)),
    ("retire", "draft", "get", None, expect(403, manager=404, **EDITORS)),
    ("download", "published", "get", None, expect(200)),
    ("download", "published", "post", None, expect(405)),
    ("download", "draft", "get", None, expect(404, **EDITORS)),
    ("download", "retired", "get", None, expect(404, **EDITORS)),
    ("preview", "published", "get", None, expect(200)),
    ("preview", "draft", "get", None, expect(404, **EDITORS)),
    ("version_new", "published", "get", None, expect(403, **EDITORS)),
    ("version_new", "published", "post", {}, expect(403, **EDITORS)),
    ("version_download", "old_version", "get", None, expect(404, **EDITORS)),
    ("version_download", "current_version", "get", None, expect(200)),
    ("version_download", "draft_version", "get", None, expect(404, **EDITORS)),
    # Download histories (DESIGN §5a): your own for everyone; someone else's for Managers.
    ("my_downloads", None, "get", None, expect(200)),
    ("my_downloads", None, "post", None, expect(405)),
    ("person_downloads", "the_rep", "get", None, expect(403, rep=200, manager=200, admin=200)),
    ("person_downloads", "the_rep", "post", None, expect(405)),
    ("team_people", None, "get", None, expect(403, manager=200, admin=200)),
]


@pytest.fixture
def objects(make_asset, rep):
    from django.core.files.base import ContentFile

    published = make_asset("Published", versions=2)
    published.current_version.preview.save("p.webp", ContentFile(b"RIFF....WEBP"))
    draft = make_asset("Draft", status=Asset.Status.DRAFT)
    draft.current_version.preview.save("p.webp", ContentFile(b"RIFF....WEBP"))
    retired = make_asset("Retired", status=Asset.Status.RETIRED)
    request = ContentRequest.objects.create(requester=rep, description="Need a battlecard")
    return {
        "published": [published.uuid],
        "draft": [draft.uuid],
        "retired": [retired.uuid],
        "request": [request.pk],
        "old_version": [published.uuid, 1],
        "current_version": [published.uuid, 2],
        "draft_version": [draft.uuid, 1],
        "the_rep": [rep.pk],
    }


@pytest.fixture
def client_for_role(request):
    def make(role: str) -> Client:
        if role == "anonymous":
            return Client()
        user = request.getfixturevalue("admin_user" if role == "admin" else role)
        client = Client()
        client.force_login(user)
        return client

    return make


CASES = [
    pytest.param(name, obj, method, data, role, statuses[role], id=f"{name}-{obj}-{method}-{role}")
    for name, obj, method, data, statuses in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "obj", "method", "data", "role", "status"), CASES)
def test_role_matrix(objects, client_for_role, name, obj, method, data, role, status):
    url = reverse(f"collateral:{name}", args=objects[obj] if obj else [])
    response = getattr(client_for_role(role), method)(url, data or {})
    assert response.status_code == status
    if status == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_the_matrix_covers_every_collateral_url():
    resolver = get_resolver()
    collateral = resolver.namespace_dict["collateral"][1]
    names = {
        pattern.name
        for pattern in collateral.url_patterns
        if pattern.name and not pattern.name.startswith("audit")
    }
    assert names == {row[0] for row in MATRIX}


def test_no_collateral_view_is_csrf_exempt():
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "collateral"
    for path in package.rglob("*.py"):
        assert "csrf_exempt" not in path.read_text(), path


@pytest.mark.parametrize(
    ("name", "obj"),
    [
        ("upload", None),
        ("request_new", None),
        ("feedback", "published"),
        ("version_new", "published"),
        ("asset_edit", "published"),
        ("request_respond", "request"),
    ],
)
def test_every_post_needs_a_csrf_token(objects, marketer, rep, name, obj):
    user = rep if name in {"request_new", "feedback"} else marketer
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = reverse(f"collateral:{name}", args=objects[obj] if obj else [])
    assert client.post(url, {}).status_code == 403
