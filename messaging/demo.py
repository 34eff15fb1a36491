"""Demo messaging for `manage.py seed_demo`: Brightline Flow's messaging house.

Every item goes through the real workflow (draft, review, signatures or approval), so the
demo shows who signed what. Items have fixed keys, so running it again changes nothing.
Personas are looked up by slug; a missing persona's message and objections are skipped.
"""

import uuid
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from messaging import workflow
from messaging.demo_content import (
    BOILERPLATES,
    DRAFT_PERSONA_MESSAGES,
    GLOSSARY,
    GLOSSARY_IN_REVIEW,
    MQL_CHANGE,
    OBJECTIONS,
    PERSONA_MESSAGES,
    PILLARS,
    POSITIONING_V1,
    POSITIONING_V2,
    RETIRED_WORDING,
)
from messaging.models import (
    Boilerplate,
    GlossaryTerm,
    Objection,
    PersonaMessage,
    Pillar,
    Positioning,
    ProofPoint,
    RetiredWording,
    Versioned,
)
from personas.models import Persona

DEMO_NAMESPACE = uuid.UUID("9f5c2a64-3d0b-4f4e-8c1e-2b7d7c1e0a11")


def demo_key(name: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, name)


def seed(users: dict[str, User]) -> None:
    """Create demo messaging content; running it again changes nothing."""
    marketer, rep, manager = users["marketer"], users["rep"], users["manager"]
    _seed_positioning(marketer, manager, rep)
    pillars = _seed_pillars(marketer)
    _seed_persona_messages(marketer, pillars)
    _seed_boilerplates(marketer)
    _seed_glossary(marketer, rep, manager)
    _seed_objections(marketer)
    _seed_retired_wording(marketer)


def _backdate(item: Versioned, days: int) -> None:
    """Spread the demo over the past months: written `days` ago, approved a day later."""
    written = timezone.now() - timedelta(days=days)
    approved = written + timedelta(hours=22)
    fields = {"created_at": written, "updated_at": approved}
    if item.approved_at:
        fields["approved_at"] = approved
    if getattr(item, "marketing_signed_at", None):
        fields["marketing_signed_at"] = written + timedelta(hours=3)
    if getattr(item, "sales_signed_at", None):
        fields["sales_signed_at"] = approved
    type(item).objects.filter(pk=item.pk).update(**fields)


def _two_signed(item: Versioned, marketer: User, sales: User) -> Versioned:
    workflow.submit(item, marketer)
    workflow.sign(item, marketer, "marketing")
    return workflow.sign(item, sales, "sales")


def _one_step(item: Versioned, marketer: User) -> Versioned:
    workflow.submit(item, marketer)
    return workflow.approve(item, marketer)


def _seed_positioning(marketer: User, manager: User, rep: User) -> None:
    if Positioning.objects.exists():
        return
    first = Positioning.objects.create(created_by=marketer, **POSITIONING_V1)
    first = _two_signed(first, marketer, manager)
    _backdate(first, 160)
    second = workflow.new_draft(first, marketer, **POSITIONING_V2)
    second = _two_signed(second, marketer, rep)
    # Approving v2 retired v1; date that too.
    Positioning.objects.filter(pk=first.pk).update(retired_at=timezone.now() - timedelta(days=44))
    _backdate(second, 45)


def _seed_pillars(marketer: User) -> dict[str, Pillar]:
    pillars = {}
    for order, (slug, name, summary, points) in enumerate(PILLARS, start=1):
        key = demo_key(f"pillar:{slug}")
        pillar = Pillar.objects.filter(key=key).order_by("-version").first()
        if pillar is None:
            pillar = Pillar.objects.create(
                key=key, name=name, summary=summary, order=order, created_by=marketer
            )
            ProofPoint.objects.bulk_create(
                ProofPoint(pillar=pillar, claim=claim, evidence=evidence, source_url=url, order=i)
                for i, (claim, evidence, url) in enumerate(points)
            )
            pillar = _one_step(pillar, marketer)
            _backdate(pillar, 120)
        pillars[slug] = pillar
    return pillars


def _seed_persona_messages(marketer: User, pillars: dict[str, Pillar]) -> None:
    """Approved messages for the published personas, a draft for the persona in progress."""
    slugs = [*PERSONA_MESSAGES, *DRAFT_PERSONA_MESSAGES]
    personas = Persona.objects.in_bulk(slugs, field_name="slug")
    for approved, messages in [(True, PERSONA_MESSAGES), (False, DRAFT_PERSONA_MESSAGES)]:
        for slug, (headline, lines, pillar_slugs) in messages.items():
            key = demo_key(f"message:{slug}")
            if slug not in personas or PersonaMessage.objects.filter(key=key).exists():
                continue
            message = PersonaMessage.objects.create(
                key=key,
                persona=personas[slug],
                headline=headline,
                key_messages="\n".join(lines),
                created_by=marketer,
            )
            message.pillars.set([pillars[name] for name in pillar_slugs])
            if approved:
                _backdate(_one_step(message, marketer), 90)


def _seed_boilerplates(marketer: User) -> None:
    for length, text in BOILERPLATES.items():
        key = demo_key(f"boilerplate:{length}")
        if Boilerplate.objects.filter(key=key).exists():
            continue
        item = Boilerplate(key=key, length=length, text=text, created_by=marketer)
        item.full_clean()  # the demo obeys the word budget like everyone else
        item.save()
        _backdate(_one_step(item, marketer), 100)


def _seed_glossary(marketer: User, rep: User, manager: User) -> None:
    for index, (term, definition) in enumerate(GLOSSARY):
        key = demo_key(f"term:{term}")
        if GlossaryTerm.objects.filter(key=key).exists():
            continue
        item = GlossaryTerm.objects.create(
            key=key, term=term, definition=definition, created_by=marketer
        )
        # Sales and Managers take turns giving the sales-side signature.
        item = _two_signed(item, marketer, rep if index % 2 else manager)
        _backdate(item, 130 - index * 7)
    term, definition = GLOSSARY_IN_REVIEW
    key = demo_key(f"term:{term}")
    if not GlossaryTerm.objects.filter(key=key).exists():
        item = GlossaryTerm.objects.create(
            key=key,
            term=term,
            definition=definition,
            created_by=marketer,
            change_note="Sales ops asked for a definition before the Q4 pipeline review.",
        )
        workflow.submit(item, marketer)
        workflow.sign(item, marketer, "marketing")
    # A change to an agreed term: the rep's sign-off page shows the word diff.
    mql = GlossaryTerm.objects.filter(key=demo_key(f"term:{GLOSSARY[0][0]}")).first()
    if mql and not GlossaryTerm.objects.filter(key=mql.key, version__gt=1).exists():
        change = workflow.new_draft(mql, marketer, **MQL_CHANGE)
        workflow.submit(change, marketer)
        workflow.sign(change, marketer, "marketing")


def _seed_objections(marketer: User) -> None:
    slugs = {slug for slug, _, _ in OBJECTIONS if slug}
    personas = Persona.objects.in_bulk(list(slugs), field_name="slug")
    for slug, objection, response in OBJECTIONS:
        key = demo_key(f"objection:{objection}")
        if (slug and slug not in personas) or Objection.objects.filter(key=key).exists():
            continue
        item = Objection.objects.create(
            key=key,
            persona=personas.get(slug) if slug else None,
            objection=objection,
            response=response,
            created_by=marketer,
        )
        _backdate(_one_step(item, marketer), 75)


def _seed_retired_wording(marketer: User) -> None:
    for phrase, replacement, reason in RETIRED_WORDING:
        key = demo_key(f"wording:{phrase}")
        if RetiredWording.objects.filter(key=key).exists():
            continue
        item = RetiredWording.objects.create(
            key=key, phrase=phrase, replacement=replacement, reason=reason, created_by=marketer
        )
        _backdate(_one_step(item, marketer), 60)
