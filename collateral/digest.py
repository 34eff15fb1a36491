"""The daily digest (`manage.py send_digest`): one mail per person with what is for them.

Outdated copies, their material past its review date, what is new or updated since the last
digest (for their personas), newly approved messaging, sign-offs waiting for them, answers
to their requests, and any notice that could not be mailed when it happened. Nothing to
say means no mail.

Idempotent: each person's profile row is locked while their digest is built and sent, and
records when it went out; a second run on the same day skips them. It lives in collateral,
the top app, because it reads all three apps (DESIGN §2).
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from collateral.models import Asset, ContentRequest
from collateral.notices import outdated_for
from messaging import feed
from personas import roles
from personas.mail import UndeliveredMail, absolute, build_message, deliver
from personas.models import Persona
from personas.people import Profile

logger = logging.getLogger("onevoice.mail")

DIGEST_LIST = 10


@dataclass
class Line:
    title: str
    url: str
    detail: str = ""


@dataclass
class Part:
    title: str
    lines: list[Line] = field(default_factory=list)
    total: int = 0
    all_url: str = ""


def _part(title: str, rows: list, total: int, line, all_path: str = "") -> Part | None:
    if not rows:
        return None
    return Part(title, [line(row) for row in rows], total, absolute(all_path) if all_path else "")


def _bounded(queryset) -> tuple[list, int]:
    rows = list(queryset[:DIGEST_LIST])
    return rows, (len(rows) if len(rows) < DIGEST_LIST else queryset.count())


def build(user, profile: Profile, now: datetime) -> list[Part]:
    """The parts of `user`'s digest (empty: nothing to send)."""
    since = profile.digest_sent_at or now - timedelta(days=1)
    persona_ids = list(profile.personas.values_list("pk", flat=True)) if profile.pk else []
    parts: list[Part | None] = []

    rows, total = _bounded(outdated_for(user))
    parts.append(
        _part("Your outdated copies", rows, total, _outdated_line, reverse("collateral:outdated"))
    )
    assets, asset_total = _bounded(Asset.objects.due_for_review_owned_by(user))
    personas, persona_total = _bounded(Persona.objects.due_for_review_owned_by(user))
    due = [
        Line(a.title, absolute(a.get_absolute_url()), f"asset, review by {a.review_by:%-d %b %Y}")
        for a in assets
    ] + [Line(p.name, absolute(p.get_absolute_url()), "persona, due for review") for p in personas]
    if due:
        parts.append(Part("Due for review", due, asset_total + persona_total))
    rows, total = _bounded(Asset.objects.new_or_updated_since(since, persona_ids))
    parts.append(
        _part(
            "New and updated material",
            rows,
            total,
            lambda a: Line(
                a.title,
                absolute(a.get_absolute_url()),
                ("updated" if a.is_update else "new") + f" {a.get_asset_type_display().lower()}",
            ),
            reverse("collateral:whats_new"),
        )
    )
    rows, total = _bounded(feed.approved_since(user, since, persona_ids))
    parts.append(
        _part(
            "Newly approved messaging",
            feed.items(rows),
            total,
            lambda i: Line(i.label, absolute(i.get_absolute_url()), i.kind_label),
            reverse("messaging:newly_approved"),
        )
    )
    rows, total = _bounded(feed.waiting_for(user))
    parts.append(
        _part(
            "Sign-offs waiting for you",
            feed.items(rows),
            total,
            lambda i: Line(i.label, absolute(i.get_absolute_url()), i.kind_label),
            reverse("messaging:review"),
        )
    )
    answered = ContentRequest.objects.of_user(user).filter(
        Q(updated_at__gte=since) & ~Q(status=ContentRequest.Status.OPEN)
    )
    rows, total = _bounded(answered)
    parts.append(
        _part(
            "Answers to your requests",
            rows,
            total,
            _answer_line,
            reverse("collateral:requests_mine"),
        )
    )
    pending = UndeliveredMail.objects.filter(user=user, carried_at__isnull=True)
    rows, total = _bounded(pending.order_by("created_at"))
    parts.append(
        _part(
            "Notices we could not mail you earlier",
            rows,
            total,
            lambda n: Line(n.subject, n.url, f"{timezone.localtime(n.created_at):%-d %b %H:%M}"),
        )
    )
    return [part for part in parts if part is not None]


def _outdated_line(asset: Asset) -> Line:
    """As on the web (_outdated_notice.html): a withdrawn asset's page is gone for everyone
    but Marketing, so the line links its live replacement or the outdated list."""
    if not asset.is_retired:
        version = asset.current_version
        detail = f"you have v{asset.my_version}; a newer version, v{version.number}, is current"
        return Line(
            asset.title,
            absolute(asset.get_absolute_url()),
            detail + (f": {version.note}" if version.note else ""),
        )
    replacement = asset.live_replacement
    if replacement is not None:
        return Line(
            asset.title,
            absolute(replacement.get_absolute_url()),
            f"withdrawn: do not send it any more; replaced by {replacement.title}",
        )
    return Line(
        asset.title, absolute(reverse("collateral:outdated")), "withdrawn: do not send it any more"
    )


def _answer_line(content_request: ContentRequest) -> Line:
    """The asset that answered a request (its published_answer, as on the home page);
    otherwise the request itself."""
    answer = content_request.published_answer
    detail = content_request.get_status_display().lower()
    if content_request.response:
        detail += f": {content_request.response}"
    if answer is not None:
        return Line(answer.title, absolute(answer.get_absolute_url()), detail)
    return Line(
        content_request.description[:80], absolute(reverse("collateral:requests_mine")), detail
    )


def recipients():
    """People who may get a digest: active, with a role, with an address, not opted out."""
    return (
        roles.people_with_a_role()
        .exclude(email="")
        .exclude(onevoice_profile__mail=Profile.Mail.NONE)
        .order_by("pk")
    )


@dataclass
class Outcome:
    sent: int = 0
    already: int = 0
    empty: int = 0
    failed: int = 0


def send_digests(now: datetime | None = None) -> Outcome:
    """One digest per person who has something to read and had none today."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    outcome = Outcome()
    for user in recipients().iterator(chunk_size=500):
        with transaction.atomic():
            profile, _ = Profile.objects.get_or_create(user=user)
            profile = Profile.objects.select_for_update().get(pk=profile.pk)
            if profile.digest_sent_at and timezone.localdate(profile.digest_sent_at) == today:
                outcome.already += 1
                continue
            parts = build(user, profile, now)
            if not parts:
                outcome.empty += 1
                continue
            subject = f"Your OneVoice digest for {today:%-d %B}"
            message = build_message(user, "digest", subject, {"parts": parts})
            if deliver([(user, message, subject, absolute(reverse("home")))], keep=False):
                Profile.objects.filter(pk=profile.pk).update(digest_sent_at=now)
                UndeliveredMail.objects.filter(user=user, carried_at__isnull=True).update(
                    carried_at=now
                )
                outcome.sent += 1
            else:
                outcome.failed += 1
    return outcome
