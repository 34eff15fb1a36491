"""How messaging reads to search: every kind's current and in-progress versions.

Retired versions have no document (history is read on the item's page), so approving a new
version or retiring one removes the old text from the index in the same transaction. Who may
find which version is `visible_to`, read at query time: reps find approved wording only.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from messaging.models import (
    KINDS,
    Boilerplate,
    GlossaryTerm,
    Objection,
    PersonaMessage,
    Pillar,
    Positioning,
    RetiredWording,
    Status,
    Versioned,
)
from personas import fulltext
from personas.search import highlight

GROUP = "messaging"
LABELS = {
    "positioning": "Positioning",
    "pillars": "Pillar",
    "messages": "Persona message",
    "boilerplates": "Boilerplate",
    "glossary": "Glossary term",
    "objections": "Objection",
    "wording": "Retired wording",
}


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def title_of(item: Versioned) -> str:
    """What a result is called: the pillar's name, the message's headline, the term …"""
    if isinstance(item, Pillar):
        return item.name
    if isinstance(item, PersonaMessage):
        return item.headline
    if isinstance(item, GlossaryTerm):
        return item.term
    if isinstance(item, Objection):
        return item.objection
    if isinstance(item, Positioning):
        return item.title
    if isinstance(item, RetiredWording):
        return f"Don't say “{item.phrase}”"
    return str(item)


def document(item: Versioned) -> dict[str, str]:
    """Title, tags and body of one messaging version."""
    if isinstance(item, Positioning):
        return {
            "title": title_of(item),
            "body": _join(item.value_proposition, item.statement, item.elevator_pitch),
        }
    if isinstance(item, Pillar):
        points = [point.as_text() for point in item.proof_points.all()]
        return {"title": item.name, "body": _join(item.summary, *points)}
    if isinstance(item, PersonaMessage):
        pillars = [pillar.name for pillar in item.pillars.all()]
        return {
            "title": item.headline,
            "tags": _join(item.persona.name, *pillars),
            "body": item.key_messages,
        }
    if isinstance(item, Boilerplate):
        return {"title": title_of(item), "body": item.text}
    if isinstance(item, GlossaryTerm):
        return {"title": item.term, "body": item.definition}
    if isinstance(item, Objection):
        persona = item.persona.name if item.persona_id else ""
        return {"title": item.objection, "tags": persona, "body": item.response}
    if isinstance(item, RetiredWording):
        return {"title": item.phrase, "body": _join(item.replacement, item.reason)}
    raise TypeError(f"not a messaging item: {item!r}")


def _related(rows, model):
    """`rows` with the model's display relations joined (select_related() with no names is
    deprecated, and would follow every foreign key)."""
    return rows.select_related(*model.display_related) if model.display_related else rows


def sync(item: Versioned) -> None:
    """Bring the documents of every version of `item`'s key up to date (call inside the
    workflow's transaction): open and approved versions indexed, retired ones removed."""
    model = type(item)
    rows = list(_related(model.objects.filter(key=item.key), model))
    fulltext.remove(model.kind, [row.pk for row in rows if row.status == Status.RETIRED])
    for row in rows:
        if row.status != Status.RETIRED:
            fulltext.put(model.kind, row.pk, GROUP, **document(row))


def index_all() -> int:
    count = 0
    for kind, model in KINDS.items():
        current = model.objects.exclude(status=Status.RETIRED)
        fulltext.remove(
            kind, model.objects.filter(status=Status.RETIRED).values_list("pk", flat=True)
        )
        rows = _related(current, model).prefetch_related(*model.display_prefetch)
        for row in rows.order_by("pk"):
            fulltext.put(kind, row.pk, GROUP, **document(row))
            count += 1
    return count


def persona_renamed(persona) -> None:
    """Messages and objections quote their persona's name in their tags."""
    for model in (PersonaMessage, Objection):
        rows = model.objects.filter(persona=persona).exclude(status=Status.RETIRED)
        for row in rows.select_related("persona").prefetch_related(*model.display_prefetch):
            fulltext.put(model.kind, row.pk, GROUP, **document(row))


def visible(user, *, persona=None, stage=None) -> dict:
    """Each kind's versions the user may find: Marketing every open and approved one, everyone
    else approved ones only (never retired ones). A persona filter keeps the
    per-persona kinds, for that persona (and objections any buyer raises); a stage filter
    leaves messaging out."""
    if stage is not None:
        return {}
    kinds = {}
    for kind, model in KINDS.items():
        rows = model.objects.findable_by(user)
        if persona is not None:
            if model not in (PersonaMessage, Objection):
                continue
            rows = rows.for_personas([persona.pk])
        kinds[kind] = rows
    return kinds


@dataclass
class MessagingHit:
    item: Versioned
    label: str
    snippet: SafeString
    template = "search/_messaging_hit.html"

    @property
    def title(self) -> str:
        return title_of(self.item)


def present(hits: list[fulltext.Hit], query) -> list[MessagingHit]:
    """The hits' versions, one query per kind present, in rank order."""
    by_kind: dict[str, list[int]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.object_id)
    found = {}
    for kind, ids in by_kind.items():
        model = KINDS[kind]
        rows = _related(model.objects.filter(pk__in=ids), model)
        found.update({(kind, row.pk): row for row in rows})
    return [
        MessagingHit(found[hit.kind, hit.object_id], LABELS[hit.kind], highlight(hit.snippet))
        for hit in hits
        if (hit.kind, hit.object_id) in found
    ]
