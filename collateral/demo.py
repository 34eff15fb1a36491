"""Demo collateral for `manage.py seed_demo`: Brightline's library with history.

Fifteen assets over the three demo personas and four stages (Integration Ivan × Awareness and
Finance Fiona × Onboarding are left empty on purpose, for the coverage matrix), generated PDFs
and images, several versions, one draft, one retired, one past its review date, two never
downloaded; 180 days of downloads by six reps and a manager, ratings and open requests.

Idempotent: assets are looked up by title and skipped when present, so running it again
adds nothing (no second round of downloads either).
"""

import random
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from collateral import demo_files, demo_notices, demo_office, services
from collateral.demo_content import (
    ASSETS,
    DESK_OWNERS,
    EXTRA_REPS,
    FEEDBACK,
    FIONA,
    HISTORY_DAYS,
    PAGE_TEXT,
    REQUESTS,
    SPEAKER_NOTES,
)
from collateral.models import (
    Asset,
    AssetVersion,
    BuyingStage,
    ContentRequest,
    Download,
    Feedback,
)
from messaging.models import Pillar, Positioning
from messaging.models import Status as MessagingStatus
from personas.demo_users import demo_user
from personas.models import Persona
from personas.roles import SALES


def seed(users: dict[str, User]) -> None:
    """Create demo collateral content; running it again changes nothing."""
    marketer = users["marketer"]
    reps = [users["rep"], *_extra_reps()]
    people = {user.username: user for user in [*reps, users["manager"], marketer]}
    personas = Persona.objects.in_bulk(field_name="slug")
    stages = BuyingStage.objects.in_bulk(field_name="slug")
    pillars = {
        pillar.name: pillar for pillar in Pillar.objects.filter(status=MessagingStatus.APPROVED)
    }
    positionings = {p.version: p for p in Positioning.objects.all()}
    current_positioning = Positioning.objects.filter(status=MessagingStatus.APPROVED).first()
    rng = random.Random(2026)
    now = timezone.now()
    for spec in ASSETS:
        if Asset.objects.filter(title=spec["title"]).exists():
            continue
        asset = _create_asset(
            spec, marketer, personas, stages, pillars, positionings, current_positioning, now
        )
        _download_history(asset, spec, reps, people, marketer, rng, now)
    _feedback(people, now)
    _requests(people, personas, stages, marketer, now)
    demo_notices.seed(people)


def _extra_reps() -> list[User]:
    return [demo_user(username, first, last, [SALES]) for username, first, last in EXTRA_REPS]


def _files(spec: dict) -> list[tuple[str, bytes, str]]:
    if "image" in spec:
        name, fmt, steps = spec["image"]
        return [(name, demo_files.diagram(spec["title"], steps, fmt), "First version")]
    files = []
    for index, (name, note, pages) in enumerate(spec["files"]):
        # Later versions rotate the page order a little, so each version's bytes differ.
        text = PAGE_TEXT[index % len(PAGE_TEXT) :] + PAGE_TEXT[: index % len(PAGE_TEXT)]
        slides = spec.get("slides", True)
        text = text[: max(pages - 1 if slides else pages, 1)] + spec.get("extra_pages", [])
        files.append((name, _document(spec, text), note))
    return files


def _document(spec: dict, text: list[tuple[str, list[str]]]) -> bytes:
    """The demo file in the spec's format: a PDF (default), a PowerPoint deck with speaker
    notes, or a Word document with a table; each carries the same real text."""
    title, description = spec["title"], spec["description"]
    cover = demo_files.cover(title, description, len(text) + 1)
    if spec.get("format") == "pptx":
        notes = {
            heading: note for (heading, _), note in zip(PAGE_TEXT, SPEAKER_NOTES, strict=True)
        }
        slides = [(heading, bullets, notes[heading]) for heading, bullets in text]
        return demo_office.pptx(title, description, slides, thumbnail=cover)
    if spec.get("format") == "docx":
        sections = [
            (heading, bullets, DESK_OWNERS if not index else [])
            for index, (heading, bullets) in enumerate(text)
        ]
        return demo_office.docx(title, sections, thumbnail=cover)
    return demo_files.pdf(
        title, description, text, slides=spec.get("slides", True), chart=spec.get("chart")
    )


def _create_asset(spec, marketer, personas, stages, pillars, positionings, current, now):
    created = now - timedelta(days=spec["age"])
    status = spec.get("status", Asset.Status.PUBLISHED)
    review_offset = spec.get("review", 90 + spec["age"] % 60)
    with transaction.atomic():
        asset = Asset.objects.create(
            title=spec["title"],
            description=spec["description"],
            asset_type=spec["type"],
            owner=marketer,
            status=status,
            positioning=positionings.get(spec["positioning"])
            if "positioning" in spec
            else current,
            review_by=(now + timedelta(days=review_offset)).date(),
            created_at=created,
            published_at=created + timedelta(days=1) if status != Asset.Status.DRAFT else None,
            retired_at=(
                now - timedelta(days=spec["retired_days_ago"])
                if "retired_days_ago" in spec
                else None
            ),
        )
        asset.personas.set([personas[slug] for slug in spec["personas"] if slug in personas])
        asset.stages.set([stages[slug] for slug in spec["stages"]])
        asset.pillars.set([pillars[name] for name in spec["pillars"] if name in pillars])
        files = _files(spec)
        # Versions are spread over the asset's life: v1 at creation, the last a few weeks ago.
        for index, (name, data, note) in enumerate(files):
            version = services.add_version(
                asset, services.intake_from_bytes(name, data), note=note, user=marketer
            )
            age = spec["age"] * (len(files) - index) / len(files)
            version_date = created if index == 0 else now - timedelta(days=age * 0.6)
            AssetVersion.objects.filter(pk=version.pk).update(created_at=version_date)
    return asset


def _download_history(asset, spec, reps, people, marketer, rng, now) -> None:
    """Backdated downloads (bulk), then counters recomputed from the rows."""
    weekly = spec["weekly"]
    if not weekly:
        return
    versions = list(asset.versions.order_by("created_at"))
    end = now - timedelta(days=spec.get("retired_days_ago", 0))
    start = max(asset.created_at + timedelta(days=1), now - timedelta(days=HISTORY_DAYS))
    days = max((end - start).days, 1)
    total = max(1, round(weekly * days / 7))
    sources = [
        Download.Source.LIBRARY,
        Download.Source.LIBRARY,
        Download.Source.PERSONA,
        Download.Source.ASSET,
        Download.Source.SEARCH,
        Download.Source.CALL_PREP,
    ]
    rows = []
    for _ in range(total):
        when = start + timedelta(seconds=rng.uniform(0, days * 86400))
        roll = rng.random()
        user = marketer if roll < 0.06 else people["manager"] if roll < 0.12 else rng.choice(reps)
        version = [v for v in versions if v.created_at <= when][-1:] or versions[:1]
        rows.append(
            Download(
                asset=asset,
                version=version[0],
                user=user,
                downloaded_at=when,
                source=rng.choice(sources),
                is_use=Download.counts_as_use(user, asset, version[0]),
            )
        )
    Download.objects.bulk_create(rows)
    totals = Download.objects.filter(asset=asset).aggregate(
        n=Count("pk"), last=Max("downloaded_at")
    )
    Asset.objects.filter(pk=asset.pk).update(
        download_count=totals["n"], last_downloaded_at=totals["last"]
    )


def _feedback(people: dict[str, User], now) -> None:
    titles = {title for title, *_ in FEEDBACK}
    assets = {asset.title: asset for asset in Asset.objects.filter(title__in=titles)}
    for index, (title, username, rating, comment) in enumerate(FEEDBACK):
        if title not in assets or username not in people:
            continue
        if Feedback.objects.filter(asset=assets[title], user=people[username]).exists():
            continue
        services.save_feedback(assets[title], people[username], rating=rating, comment=comment)
        when = now - timedelta(days=3 + index * 5)
        Feedback.objects.filter(asset=assets[title], user=people[username]).update(
            created_at=when, updated_at=when
        )


def _requests(people, personas, stages, marketer, now) -> None:
    for index, (persona_slug, stage_slug, asset_type, username, description) in enumerate(
        REQUESTS
    ):
        request, created = ContentRequest.objects.get_or_create(
            description=description,
            defaults={
                "persona": personas.get(persona_slug),
                "stage": stages.get(stage_slug),
                "asset_type": asset_type,
                "requester": people[username],
            },
        )
        if created:  # asked over the last weeks, oldest first in marketing's queue
            asked = now - timedelta(days=24 - index * 6, hours=index * 3)
            ContentRequest.objects.filter(pk=request.pk).update(created_at=asked, updated_at=asked)
    answer = Asset.objects.filter(title="Payback model walkthrough").first()
    done, created = ContentRequest.objects.get_or_create(
        description="A walkthrough of the payback model I can send after a CFO call.",
        defaults={
            "persona": personas.get(FIONA),
            "stage": stages.get("decision"),
            "asset_type": Asset.Type.DECK,
            "requester": people["rep"],
        },
    )
    if created and answer:
        ContentRequest.objects.filter(pk=done.pk).update(created_at=now - timedelta(days=12))
        services.answer_request(
            done,
            status=ContentRequest.Status.DONE,
            asset=answer,
            response="Here it is, with speaker notes on slide 3.",
            user=marketer,
        )
    planned, created = ContentRequest.objects.get_or_create(
        description="A German version of the overview deck for the DACH pipeline.",
        defaults={"stage": stages.get("awareness"), "requester": people["rep5"]},
    )
    if created:
        ContentRequest.objects.filter(pk=planned.pk).update(created_at=now - timedelta(days=30))
        services.answer_request(
            planned,
            status=ContentRequest.Status.PLANNED,
            asset=None,
            response="Planned for next month, with the autumn launch messages.",
            user=marketer,
        )
