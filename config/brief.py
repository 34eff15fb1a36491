"""The call-prep brief: the one page a rep reads or prints before a call (issue #17).

Who the buyer is, what we say to them, how to answer their objections, the words they will
hear and the words we no longer say, and the material reps use most per buying stage. It
combines all three apps, so it lives in config/ (DESIGN §2); config/urls.py mounts it in the
personas namespace as `personas:brief`, next to the persona's other pages, so personas itself
still imports nothing of ours.
"""

import re

from django.db.models import Case, IntegerField, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from collateral.call_prep import USE_DAYS, best_material
from messaging.models import GlossaryTerm, Objection, Positioning, RetiredWording
from personas.access import get_visible_persona
from personas.models import Persona, split_lines

# What fits on two printed pages with room to spare.
TOP_GOALS = 3
TOP_PAINS = 4
TOP_CRITERIA = 4
TOP_OBJECTIONS = 4
TOP_TERMS = 5
TOP_WORDING = 8


@require_safe
def persona_brief(request: HttpRequest, slug: str) -> HttpResponse:
    persona = get_visible_persona(request.user, slug)
    message = persona.messages.approved().prefetch_related(None).first()
    # The persona's own objections first, then those any buyer raises.
    objections = (
        Objection.objects.approved()
        .for_personas([persona.pk])
        .annotate(own=Case(When(persona=persona, then=1), default=0, output_field=IntegerField()))
        .order_by("-own", "objection")[:TOP_OBJECTIONS]
    )
    wording = list(RetiredWording.objects.approved().order_by("phrase")[: TOP_WORDING + 1])
    context = {
        "persona": persona,
        "goals": split_lines(persona.goals)[:TOP_GOALS],
        "pains": split_lines(persona.pains)[:TOP_PAINS],
        "criteria": split_lines(persona.decision_criteria)[:TOP_CRITERIA],
        "positioning": Positioning.objects.approved().first(),
        "message": message,
        "objections": objections,
        "terms": terms_they_will_hear(persona, message),
        "wording": wording[:TOP_WORDING],
        "more_wording": len(wording) > TOP_WORDING,
        "material": best_material(persona),
        "use_days": USE_DAYS,
    }
    return render(request, "personas/brief.html", context)


def terms_they_will_hear(persona: Persona, message=None) -> list[GlossaryTerm]:
    """Approved glossary terms, those the persona's profile or message mentions first.

    A term is mentioned when its name, or the abbreviation in its brackets ("MQL"), appears
    as whole words in the text. One query; the terms are few (a glossary, not a dictionary).
    """
    texts = [
        persona.summary,
        persona.goals,
        persona.pains,
        persona.priority_initiatives,
        persona.decision_criteria,
        persona.objections,
        persona.success_factors,
    ]
    if message is not None:
        texts += [message.headline, message.key_messages]
    text = " ".join(texts).lower()

    def mentioned(term: GlossaryTerm) -> bool:
        names = [*re.findall(r"\(([^)]+)\)", term.term), re.sub(r"\s*\([^)]*\)", "", term.term)]
        return any(
            re.search(rf"(?<!\w){re.escape(name.strip().lower())}(?!\w)", text)
            for name in names
            if name.strip()
        )

    terms = list(GlossaryTerm.objects.approved().order_by("term"))
    terms.sort(key=lambda term: not mentioned(term))  # stable: A–Z within each group
    return terms[:TOP_TERMS]
