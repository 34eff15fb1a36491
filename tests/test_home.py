"""Home = what is for me: each role's lists of things to do, bounded, with links, in a
constant number of queries; and the profile page where people pick personas and mail."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, ContentRequest, Feedback
from messaging import workflow
from personas.models import Persona
from personas.people import Profile
from personas.roles import MANAGERS, MARKETING, SALES
from tests.collateral.conftest import *  # noqa: F403  (asset factories)
from tests.collateral.test_notices import new_version
from tests.conftest import client_for, make_user
from tests.messaging.conftest import (
    approve_one,
    make_message,
    make_objection,
    make_term,
    new_positioning,
)


def body(client) -> str:
    return client.get(reverse("home")).content.decode()


def test_rep_home_lists_new_material_approved_messaging_sign_offs_and_requests(
    rep_client, rep, marketer, make_asset, persona
):
    deck = make_asset("Fresh deck", personas=[persona])
    Asset.objects.filter(pk=deck.pk).update(published_at=timezone.now())
    term = make_term(marketer, term="Sales-ready lead")
    workflow.submit(term, marketer)
    workflow.sign(term, marketer, "marketing")
    positioning = new_positioning(marketer)
    workflow.submit(positioning, marketer)
    ContentRequest.objects.create(requester=rep, description="A pricing one-pager")
    page = body(rep_client)
    assert "New and updated material for every persona" in page
    assert f'<a href="{deck.get_absolute_url()}">Fresh deck</a>' in page
    assert "Newly approved messaging" in page
    assert "Sign-offs waiting for Sales" in page
    # The version waiting for the rep's signature, which the item's own address (approved
    # versions only) would answer with a 404.
    for item in (positioning, term):
        assert f'<a href="{item.get_version_url()}">' in page
        assert rep_client.get(item.get_version_url()).status_code == 200
    assert rep_client.get(term.get_absolute_url()).status_code == 404
    assert "A pricing one-pager" in page


def test_newly_approved_messaging_since_the_last_visit(rep_client, rep, marketer):
    term = make_term(marketer, term="Sales-ready lead")
    workflow.submit(term, marketer)
    workflow.sign(term, marketer, "marketing")
    workflow.sign(term, make_user("rep2", SALES), "sales")
    page = body(rep_client)
    section = page[page.index("Newly approved messaging") :]
    assert "Sales-ready lead" in section[: section.index("</article>")]
    # After the next sign-in, it is no longer new.
    Profile.objects.filter(user=rep).update(previous_visit_at=timezone.now())
    page = body(rep_client)
    section = page[page.index("Newly approved messaging") :]
    assert "Sales-ready lead" not in section[: section.index("</article>")]


def test_all_newly_approved_messaging_is_one_click_from_home(rep_client, marketer):
    for number in range(7):
        term = make_term(marketer, term=f"Term {number}")
        workflow.submit(term, marketer)
        workflow.sign(term, marketer, "marketing")
        workflow.sign(term, make_user(f"signer{number}", SALES), "sales")
    page = body(rep_client)
    url = reverse("messaging:newly_approved")
    assert f'<a href="{url}">All 7' in page
    listed = rep_client.get(url).content.decode()
    for number in range(7):
        assert f">Term {number}</a>" in listed


def test_my_personas_narrow_newly_approved_messaging(
    rep_client, rep, marketer, persona, other_persona
):
    Profile.objects.get_or_create(user=rep)[0].personas.set([persona])
    approve_one(make_message(marketer, persona, "Payback in nine months"), marketer)
    approve_one(make_message(marketer, other_persona, "Fewer late trucks"), marketer)
    anyone = approve_one(make_objection(marketer, "Too expensive."), marketer)
    for page in (body(rep_client), rep_client.get(reverse("messaging:newly_approved"))):
        text = page if isinstance(page, str) else page.content.decode()
        assert f"Message for {persona.name}" in text
        assert f"Message for {other_persona.name}" not in text
        assert anyone.objection in text


def test_my_personas_narrow_what_is_new(rep_client, rep, make_asset, persona, other_persona):
    mine = make_asset("For Fiona", personas=[persona])
    theirs = make_asset("For Olivia", personas=[other_persona])
    everyone = make_asset("For everyone")
    response = rep_client.post(
        reverse("profile"), {"personas": [persona.pk], "mail": Profile.Mail.IMMEDIATE}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=rep)
    assert list(profile.personas.all()) == [persona]
    assert profile.mail == "immediate"
    page = body(rep_client)
    assert "New and updated material for your personas" in page
    assert mine.title in page
    assert everyone.title in page
    assert theirs.title not in page
    listing = rep_client.get(reverse("collateral:whats_new")).content.decode()
    assert mine.title in listing
    assert theirs.title not in listing


def test_an_updated_asset_says_updated_never_newer_version(
    marketer_client, rep_client, make_asset
):
    deck = make_asset("Old deck")
    Asset.objects.filter(pk=deck.pk).update(published_at=timezone.now() - timedelta(days=400))
    deck.current_version.__class__.objects.filter(pk=deck.current_version.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    new_version(marketer_client, deck)
    page = body(rep_client)
    assert '<span class="badge badge--updated">updated</span>' in page
    assert "newer version" not in page
    listing = rep_client.get(reverse("collateral:whats_new")).content.decode()
    assert "updated" in listing
    assert "newer version" not in listing


def test_marketer_home_lists_requests_sign_offs_reviews_low_ratings_and_drafts(
    marketer_client, marketer, rep, make_asset
):
    due = make_asset("Due deck")
    Asset.objects.filter(pk=due.pk).update(review_by=timezone.localdate() - timedelta(days=3))
    draft = make_asset("Half-done deck", status=Asset.Status.DRAFT)
    Feedback.objects.create(asset=due, user=rep, rating=1, comment="pricing slide outdated")
    ContentRequest.objects.create(requester=rep, description="Battlecard vs spreadsheets")
    persona = Persona.objects.create(
        name="Stale Steve",
        slug="stale-steve",
        buying_role="user",
        summary="x",
        status=Persona.Status.PUBLISHED,
        owner=marketer,
        reviewed_at=timezone.localdate() - timedelta(days=400),
    )
    term = make_term(marketer)
    workflow.submit(term, marketer)
    page = body(marketer_client)
    assert "Open requests from sales" in page
    assert "Battlecard vs spreadsheets" in page
    assert "Sign-offs waiting for Marketing" in page
    assert term.get_absolute_url() in page
    assert "Your material due for review" in page
    assert f'<a href="{due.get_absolute_url()}">Due deck</a>' in page
    assert f'<a href="{persona.get_absolute_url()}">Stale Steve</a>' in page
    assert "pricing slide outdated" in page
    assert f'<a href="{draft.get_absolute_url()}">Half-done deck</a>' in page


def test_a_manager_is_told_of_outdated_copies_and_sign_offs_on_home_as_in_the_digest(
    manager, manager_client, marketer, make_asset
):
    deck = make_asset("Pricing deck")
    manager_client.get(deck.get_download_url())
    new_version(client_for(marketer), deck)
    term = make_term(marketer, term="Sales-ready lead")
    workflow.submit(term, marketer)
    workflow.sign(term, marketer, "marketing")
    page = body(manager_client)
    assert "For your calls" in page
    assert "Your outdated copies" in page
    assert "a newer version, v2, is current" in page
    assert "Sign-offs waiting for Sales" in page
    assert f'<a href="{term.get_version_url()}">' in page
    assert page.count("Your requests") == 1


def test_someone_who_signs_for_both_sides_sees_one_list_of_sign_offs(marketer):
    both = make_user("both", MARKETING, SALES)
    term = make_term(marketer, term="Sales-ready lead")
    workflow.submit(term, marketer)
    page = body(client_for(both))
    assert page.count(f'<a href="{term.get_version_url()}">') == 1
    assert "Sign-offs waiting for you" in page


def test_a_marketer_is_told_when_a_colleague_replaces_their_copy(marketer, make_asset):
    colleague = make_user("marketer2", MARKETING)
    deck = make_asset("Pricing deck")
    client = client_for(marketer)
    client.get(deck.get_download_url())
    new_version(client_for(colleague), deck)
    assert "a newer version, v2, is current" in body(client)


def test_home_follows_the_permission_checkboxes_not_the_group_names(manager, marketer):
    """README: take "view audit" from Managers and the glance (whose links would all be
    403) goes; give one person the sales signature and their sign-offs are on home."""
    managers = Group.objects.get(name=MANAGERS)
    managers.permissions.remove(Permission.objects.get(codename="view_audit"))
    page = body(client_for(manager))
    assert "The library at a glance" not in page
    assert "You can see what collateral is used" not in page
    solo = make_user("solo")
    solo.user_permissions.add(Permission.objects.get(codename="sign_for_sales"))
    term = make_term(marketer, term="Sales-ready lead")
    workflow.submit(term, marketer)
    workflow.sign(term, marketer, "marketing")
    page = body(client_for(solo))
    assert "Sign-offs waiting for Sales" in page
    assert f'<a href="{term.get_version_url()}">' in page


def test_someone_with_single_permissions_is_told_of_copies_and_sign_offs(marketer, make_asset):
    reader = make_user("reader")
    reader.user_permissions.add(
        Permission.objects.get(codename="view_audit"),
        Permission.objects.get(codename="sign_for_marketing"),
    )
    client = client_for(reader)
    deck = make_asset("Pricing deck")
    client.get(deck.get_download_url())
    new_version(client_for(marketer), deck)
    term = make_term(marketer, term="Sales-ready lead")
    workflow.submit(term, make_user("marketer2", MARKETING))
    page = body(client)
    assert "a newer version, v2, is current" in page
    assert "Sign-offs waiting for Marketing" in page
    assert f'<a href="{term.get_version_url()}">' in page
    assert "retire what nobody needs" not in page  # viewing the audit is not retiring


def test_manager_home_shows_the_audit_at_a_glance_with_links(manager_client, make_asset):
    make_asset("Nobody downloads this")
    page = body(manager_client)
    for name in ("audit_unused", "audit_coverage", "audit_stale", "audit_usage"):
        assert reverse(f"collateral:{name}") in page
    assert "coverage gap" in page


def test_top_unused_names_the_owner_as_written(manager_client, make_asset):
    """Not the lower-cased copy the unused report sorts by."""
    owner = make_user("maya", MARKETING)
    owner.first_name, owner.last_name = "Maya", "Marsh"
    owner.save()
    asset = make_asset("Forgotten deck", owner=owner)
    long_ago = timezone.now() - timedelta(days=400)
    Asset.objects.filter(pk=asset.pk).update(published_at=long_ago, created_at=long_ago)
    page = body(manager_client)
    assert "Forgotten deck" in page
    assert "· Maya Marsh</span>" in page
    assert "maya marsh" not in page


def test_a_long_request_is_cut_with_an_ellipsis(rep, rep_client):
    words = "Savings to date and next steps for the finance team, one page per region please "
    ContentRequest.objects.create(requester=rep, description=words * 3)
    page = body(rep_client)
    assert f"{(words * 3)[:79]}…" in page
    assert (words * 3)[:81] not in page


def test_someone_with_several_roles_sees_each_roles_section(db):
    client = client_for(make_user("both", SALES, MANAGERS))
    page = body(client)
    assert "For your calls" in page
    assert "The library at a glance" in page


def test_reps_see_review_due_on_assets_past_their_date(rep_client, make_asset):
    asset = make_asset("Old numbers")
    Asset.objects.filter(pk=asset.pk).update(review_by=timezone.localdate() - timedelta(days=1))
    assert "Review due" in rep_client.get(asset.get_absolute_url()).content.decode()
    assert "Review due" in rep_client.get(reverse("collateral:library")).content.decode()


def _fill(marketer, rep, make_asset, persona, count):
    for number in range(count):
        asset = make_asset(f"Deck {number}", personas=[persona])
        Asset.objects.filter(pk=asset.pk).update(
            published_at=timezone.now(), review_by=timezone.localdate() - timedelta(days=1)
        )
        make_asset(f"Draft {number}", status=Asset.Status.DRAFT)
        Feedback.objects.create(asset=asset, user=rep, rating=1)
        ContentRequest.objects.create(requester=rep, description=f"Need {number}")
        from collateral.services import record_download

        record_download(rep, asset, asset.current_version, "library")
        new = asset.current_version
        new.pk = None
        new.number = 2
        new.save()
        Asset.objects.filter(pk=asset.pk).update(current_version=new)
        term = make_term(marketer, term=f"Term {number}")
        workflow.submit(term, marketer)


@pytest.mark.parametrize("role", ["rep", "marketer", "manager"])
def test_home_queries_are_constant_whatever_the_data(
    request, role, marketer, rep, make_asset, persona
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(request.getfixturevalue(role))
    counts = []
    for extra in (1, 8):
        _fill(marketer, rep, make_asset, persona, extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # Each count includes the permissions query (has_perm) of the header and role checks;
    # each bounded list is one query, its total a window on the same rows.
    pinned = {"rep": 13, "marketer": 14, "manager": 27}
    assert counts[1] == pinned[role], counts


def test_profile_page_shows_choices_and_rejects_bad_input(rep_client, rep):
    page = rep_client.get(reverse("profile")).content.decode()
    assert "My personas" in page
    assert "Daily digest only" in page
    response = rep_client.post(reverse("profile"), {"mail": "sometimes", "personas": ["999"]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert '<div class="form-errors" role="alert"><p>Nothing was saved: see the marked' in body
    assert not Profile.objects.filter(user=rep, mail="sometimes").exists()


def test_profile_page_says_when_there_is_no_e_mail_address(rep_client, rep):
    rep.email = ""
    rep.save()
    assert "no e-mail address" in rep_client.get(reverse("profile")).content.decode()
