"""E-mail from OneVoice: rendered from templates, sent after commit through django.tasks.

Every app notifies through `notify_after_commit()`: the mail is handed to the task backend
only once the change is committed (a rolled-back change mails nobody), and the task sends
it through Django's mail API (settings.MAILERS). A failure never reaches the request: a
refused, bounced or unreachable mail is logged and kept as an UndeliveredMail row, which
the next daily digest carries. People without an e-mail address, inactive people and
people whose profile says otherwise get no mail and cause no error.

It lives in `personas`, the lowest app, next to the profile that holds each person's mail
preference, so messaging and collateral can both notify (DESIGN §2).
"""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import models, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger("onevoice.mail")


class UndeliveredMail(models.Model):
    """A notice that could not be mailed when it happened; the next digest carries it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=200)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    carried_at = models.DateTimeField(null=True, blank=True, help_text="When a digest sent it.")

    class Meta:
        indexes = [
            # Serves the digest's "what we could not mail you": a person's uncarried notices.
            models.Index(
                fields=["user", "created_at"],
                condition=models.Q(carried_at__isnull=True),
                name="undelivered_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} for {self.user}"


def absolute(path: str) -> str:
    """A link for a mail: the site's address (ONEVOICE_SITE_URL) plus `path`."""
    return settings.ONEVOICE_SITE_URL.rstrip("/") + path


def build_message(user, template: str, subject: str, context: dict) -> EmailMultiAlternatives:
    """A plain-text mail with an HTML alternative, both from templates/mail/<template>.*"""
    context = {
        **context,
        "user": user,
        "subject": subject,
        "profile_url": absolute(reverse("profile")),
        "site_url": settings.ONEVOICE_SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=f"[OneVoice] {subject}",
        body=render_to_string(f"mail/{template}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string(f"mail/{template}.html", context), "text/html")
    return message


def deliver(messages: list[tuple[object, EmailMultiAlternatives, str, str]], keep=True) -> int:
    """Send (user, message, subject, url) tuples over one connection; returns how many went.

    A failure of one message (refused recipient, bounce at the server) or of the server
    itself is logged, never raised; with `keep` it is recorded as UndeliveredMail for the
    next digest (the digest itself passes keep=False: it is simply sent again next run).
    """
    sent = 0
    failed: list[tuple[object, str, str]] = []
    tried = 0
    try:
        with mailers.default as connection:
            for user, message, subject, url in messages:
                tried += 1
                try:
                    sent += connection.send_messages([message]) or 0
                except (SMTPException, OSError) as error:
                    logger.warning("Mail to user %s failed: %s", user.pk, error)
                    failed.append((user, subject, url))
    except (SMTPException, OSError) as error:
        # The server could not be reached (or the connection failed to close).
        logger.warning(
            "Mail server unavailable; %d mail(s) not sent: %s", len(messages) - tried, error
        )
        failed += [(user, subject, url) for user, _message, subject, url in messages[tried:]]
    if failed and keep:
        UndeliveredMail.objects.bulk_create(
            UndeliveredMail(user=user, subject=subject[:200], url=url[:500])
            for user, subject, url in failed
        )
    return sent


def recipients(user_ids: list[int], *, immediate: bool):
    """Active people among `user_ids` with an address who want this kind of mail."""
    from personas.people import Profile

    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    if immediate:
        # No profile yet means the default, the daily digest: no immediate mail.
        people = people.filter(onevoice_profile__mail=Profile.Mail.IMMEDIATE)
    return people.order_by("pk")


@task
def send_notice(user_ids: list[int], template: str, subject: str, context: dict) -> int:
    """The task: mail one notice to the people who asked for immediate mail."""
    people = list(recipients(user_ids, immediate=True))
    url = context.get("url", "")
    return deliver(
        [(user, build_message(user, template, subject, context), subject, url) for user in people]
    )


def notify_after_commit(user_ids, template: str, subject: str, context: dict) -> None:
    """Mail a notice once the current transaction commits (a rollback mails nobody).

    Enqueueing never fails the request either: if the task backend refuses, it is logged
    and the notice goes to the digest.
    """
    ids = sorted({pk for pk in user_ids if pk is not None})
    if not ids:
        return

    def enqueue() -> None:
        try:
            send_notice.enqueue(ids, template, subject, context)
        except Exception:  # the backend (a queue, a broker) is down: the digest carries it
            logger.exception("Could not queue the mail %r; kept for the digest.", subject)
            people = recipients(ids, immediate=True)
            UndeliveredMail.objects.bulk_create(
                UndeliveredMail(user=user, subject=subject[:200], url=context.get("url", ""))
                for user in people
            )

    transaction.on_commit(enqueue)
