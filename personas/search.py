"""How personas read to search: every profile field, weighted; and who may find which."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from personas import fulltext
from personas.models import Persona

KIND = "persona"
GROUP = "personas"


def highlight(snippet: str) -> SafeString:
    """A snippet as HTML: the text escaped first, then the engine's markers made <mark>."""
    # Stored text keeps one item a line; in a snippet the lines read as a list.
    snippet = " · ".join(line.strip() for line in snippet.splitlines() if line.strip())
    html = escape(snippet).replace(fulltext.MARK_START, "<mark>")
    # Safe: every character of user text was escaped above; only our own tags are added.
    return mark_safe(html.replace(fulltext.MARK_END, "</mark>"))


def document(persona: Persona) -> dict[str, str]:
    body = [
        persona.summary,
        persona.goals,
        persona.pains,
        persona.priority_initiatives,
        persona.success_factors,
        persona.perceived_barriers,
        persona.decision_criteria,
        persona.objections,
        persona.channels,
        persona.quote,
    ]
    tags = [persona.get_buying_role_display(), persona.segment, persona.job_titles]
    return {
        "title": persona.name,
        "tags": "\n".join(part for part in tags if part),
        "body": "\n".join(part for part in body if part),
    }


def index(persona: Persona, *, renamed: bool = False) -> None:
    """Write the persona's document (inside the change's transaction); on a rename, the
    documents that quote its name (messages, objections, assets) follow."""
    fulltext.put(KIND, persona.pk, GROUP, **document(persona))
    if renamed:
        for hook in fulltext.persona_renamed:
            hook(persona)


def index_all() -> int:
    count = 0
    for persona in Persona.objects.order_by("pk").iterator():
        index(persona)
        count += 1
    return count


def visible(user, *, persona=None, stage=None) -> dict:
    """Personas the user may see; a stage filter leaves personas out (they have none)."""
    if stage is not None:
        return {}
    personas = Persona.objects.visible_to(user)
    if persona is not None:
        personas = personas.filter(pk=persona.pk)
    return {KIND: personas}


@dataclass
class PersonaHit:
    persona: Persona
    snippet: SafeString
    template = "search/_persona_hit.html"


def present(hits: list[fulltext.Hit], query) -> list[PersonaHit]:
    found = Persona.objects.in_bulk([hit.object_id for hit in hits])
    return [
        PersonaHit(found[hit.object_id], highlight(hit.snippet))
        for hit in hits
        if hit.object_id in found
    ]
