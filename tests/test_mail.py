"""E-mail: immediate notices after commit through django.tasks, the daily digest, faults.

All tests use the locmem backend except one, which sends through a real SMTP server
started in this process (aiosmtpd).
"""

import logging
import smtplib
import socket

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from collateral.models import ContentRequest
from messaging import workflow
from personas.mail import UndeliveredMail
from personas.people import Profile
from personas.roles import SALES
from tests.collateral.conftest import *  # noqa: F403  (asset factories)
from tests.collateral.test_notices import new_version
from tests.conftest import client_for, make_user
from tests.messaging.conftest import make_term


def immediate(user):
    Profile.objects.update_or_create(user=user, defaults={"mail": Profile.Mail.IMMEDIATE})
    return user


@pytest.fixture
def people(db):
    """Reps with an address who chose immediate mail, digest only, and one with no address."""
    return {
        "quick": immediate(make_user("quick", SALES, email="quick@example.com")),
        "daily": make_user("daily", SALES, email="daily@example.com"),
        "nomail": immediate(make_user("nomail", SALES)),
    }


def test_a_sign_off_request_mails_immediately_after_commit(
    marketer, people, django_capture_on_commit_callbacks
):
    term = make_term(marketer, term="Sales-ready lead")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(term, marketer)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["quick@example.com"]]
    message = mail.outbox[0]
    assert "Sign-off requested: Sales-ready lead" in message.subject
    assert "http://localhost:8000/accounts/profile/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="http://localhost:8000/accounts/profile/"' in html
    assert term.get_version_url() in message.body


def test_a_rolled_back_change_mails_nobody(marketer, people, django_capture_on_commit_callbacks):
    term = make_term(marketer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(term, marketer)
    # The callbacks were captured, not run: in production a rollback discards them.
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_an_answered_request_mails_the_requester(
    marketer_client, people, asset, django_capture_on_commit_callbacks
):
    request = ContentRequest.objects.create(requester=people["quick"], description="ROI deck")
    with django_capture_on_commit_callbacks(execute=True):
        response = marketer_client.post(
            reverse("collateral:request_respond", args=[request.pk]),
            {"status": "done", "asset": str(asset.uuid), "response": "Here it is"},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["quick@example.com"]
    assert "Here it is" in message.body
    assert asset.get_absolute_url() in message.body


def test_people_without_an_address_or_on_the_digest_get_no_immediate_mail(
    marketer_client, people, asset, django_capture_on_commit_callbacks
):
    for who in ("daily", "nomail"):
        request = ContentRequest.objects.create(requester=people[who], description="x")
        with django_capture_on_commit_callbacks(execute=True):
            response = marketer_client.post(
                reverse("collateral:request_respond", args=[request.pk]),
                {"status": "planned", "response": "In May"},
            )
        assert response.status_code == 302
    assert mail.outbox == []


class Refusing:
    """A mail backend whose server refuses every recipient."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"quick@example.com": (550, b"No such user")})


def test_a_refused_mail_is_logged_never_a_500_and_the_digest_carries_it(
    settings, marketer_client, people, asset, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.test_mail.Refusing"}}
    request = ContentRequest.objects.create(requester=people["quick"], description="ROI deck")
    with (
        caplog.at_level(logging.WARNING, logger="onevoice.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = marketer_client.post(
            reverse("collateral:request_respond", args=[request.pk]),
            {"status": "planned", "response": "In May"},
        )
    assert response.status_code == 302
    assert "failed" in caplog.text
    (kept,) = UndeliveredMail.objects.all()
    assert kept.user == people["quick"]
    # The next digest (with a working server) carries it, once.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("send_digest")
    quick = [m for m in mail.outbox if m.to == ["quick@example.com"]]
    assert len(quick) == 1
    assert "NOTICES WE COULD NOT MAIL YOU EARLIER" in quick[0].body
    assert "Your request is planned" in quick[0].body
    kept.refresh_from_db()
    assert kept.carried_at is not None


def test_a_mail_server_that_is_down_does_not_fail_the_page(
    settings, marketer_client, people, asset, caplog, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens
        }
    }
    request = ContentRequest.objects.create(requester=people["quick"], description="x")
    with (
        caplog.at_level(logging.WARNING, logger="onevoice.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = marketer_client.post(
            reverse("collateral:request_respond", args=[request.pk]),
            {"status": "declined", "response": "Out of scope"},
        )
    assert response.status_code == 302
    assert "unavailable" in caplog.text
    assert UndeliveredMail.objects.filter(user=people["quick"]).count() == 1


def test_send_digest_mails_an_outdated_copy_once_a_day(marketer_client, people, asset):
    rep = people["daily"]
    client_for(rep).get(asset.get_download_url())
    new_version(marketer_client, asset, note="New pricing")
    call_command("send_digest")
    mine = [m for m in mail.outbox if m.to == ["daily@example.com"]]
    assert len(mine) == 1
    assert "a newer version, v2, is current: New pricing" in mine[0].body
    assert "/accounts/profile/" in mine[0].body
    assert mine[0].alternatives[0][1] == "text/html"
    mail.outbox.clear()
    call_command("send_digest")
    assert mail.outbox == []


def test_the_digest_names_and_links_only_what_the_rep_may_open(
    marketer_client, people, make_asset, asset
):
    from collateral.models import Asset

    rep = people["daily"]
    client_for(rep).get(asset.get_download_url())
    replacement = make_asset("Replacement deck", status=Asset.Status.DRAFT)
    Asset.objects.filter(pk=asset.pk).update(status=Asset.Status.RETIRED, replaced_by=replacement)
    answer = make_asset("Answer deck", status=Asset.Status.DRAFT)
    ContentRequest.objects.create(
        requester=rep, description="A CFO one-pager", status="done", fulfilled_by=answer
    )
    call_command("send_digest")
    (message,) = [m for m in mail.outbox if m.to == ["daily@example.com"]]
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "withdrawn: do not send it any more" in part
        assert "Replacement deck" not in part
        assert "Answer deck" not in part
        assert "A CFO one-pager" in part
        assert asset.get_absolute_url() not in part  # a 404 for the rep
        assert reverse("collateral:outdated") in part
    # Once the replacement is published, the line points to it.
    Asset.objects.filter(pk=replacement.pk).update(status=Asset.Status.PUBLISHED)
    Profile.objects.filter(user=rep).update(digest_sent_at=None)
    mail.outbox.clear()
    call_command("send_digest")
    (message,) = [m for m in mail.outbox if m.to == ["daily@example.com"]]
    assert "replaced by Replacement deck" in message.body
    assert replacement.get_absolute_url() in message.body


def test_people_who_chose_no_mail_get_no_digest(marketer_client, people, asset):
    rep = people["daily"]
    Profile.objects.update_or_create(user=rep, defaults={"mail": Profile.Mail.NONE})
    client_for(rep).get(asset.get_download_url())
    new_version(marketer_client, asset)
    call_command("send_digest")
    assert mail.outbox  # others got theirs
    assert not [m for m in mail.outbox if m.to == ["daily@example.com"]]


def test_owners_get_review_due_items_in_the_digest(marketer, asset):
    import datetime

    marketer.email = "maya@example.com"
    marketer.save()
    asset.review_by = datetime.date(2020, 1, 1)
    asset.save()
    call_command("send_digest")
    (message,) = [m for m in mail.outbox if m.to == ["maya@example.com"]]
    assert "DUE FOR REVIEW" in message.body
    assert asset.title in message.body


def test_the_mail_path_works_over_real_smtp(settings, marketer_client, people, asset):
    """One end-to-end test: an SMTP server in this process receives the digest."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    received = []

    class Collect(Sink):
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
            }
        }
        client_for(people["daily"]).get(asset.get_download_url())
        new_version(marketer_client, asset)
        call_command("send_digest")
    finally:
        controller.stop()
    (envelope,) = [e for e in received if e.rcpt_tos == ["daily@example.com"]]
    content = envelope.content.decode()
    assert "multipart/alternative" in content
    assert "text/html" in content
    assert "Your OneVoice digest" in content


def test_sign_off_mail_follows_the_permission_not_the_group(
    marketer, people, django_capture_on_commit_callbacks
):
    solo = immediate(make_user("solo", email="solo@example.com"))
    solo.user_permissions.add(Permission.objects.get(codename="sign_for_sales"))
    Group.objects.get(name=SALES).permissions.remove(
        Permission.objects.get(codename="sign_for_sales")
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(make_term(marketer, term="Sales-ready lead"), marketer)
    # "quick" is still in Sales but may no longer sign; solo may, without a group.
    assert [message.to for message in mail.outbox] == [["solo@example.com"]]


def test_people_without_a_role_get_no_digest(marketer_client, people, asset):
    """Their links would all answer the "no role yet" page, and they cannot reach the profile
    page to turn the mail off."""
    rep = people["daily"]
    client_for(rep).get(asset.get_download_url())
    new_version(marketer_client, asset)
    rep.groups.remove(Group.objects.get(name=SALES))
    call_command("send_digest")
    assert not [m for m in mail.outbox if m.to == ["daily@example.com"]]
    rep.groups.add(Group.objects.get(name=SALES))
    mail.outbox.clear()
    call_command("send_digest")
    assert [m for m in mail.outbox if m.to == ["daily@example.com"]]
