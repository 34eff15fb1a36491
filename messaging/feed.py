"""Messaging as lists of things to read or to sign, across every kind, one query per list.

The home page and the digest show "newly approved since your last visit" and "sign-offs
waiting for you" as one list each, whatever the kind. Each list is a UNION of one SELECT per
kind with the same columns, so a list costs one query (and its total one more) however
many kinds or rows there are.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast, Concat

from messaging.models import KINDS

LABELS = {
    "positioning": Value("Company positioning"),
    "pillars": F("name"),
    "messages": Concat(Value("Message for "), F("persona__name")),
    "boilerplates": Concat(Value("Boilerplate, "), Cast("length", CharField()), Value(" words")),
    "glossary": F("term"),
    "objections": F("objection"),
    "wording": Concat(Value("Don't say: "), F("phrase")),
}


@dataclass(frozen=True)
class FeedItem:
    kind: str
    key: str
    version: int
    label: str
    at: datetime

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]._meta.verbose_name

    def get_absolute_url(self) -> str:
        """This very version: the one waiting for a signature, or the one just approved
        (the item's own address shows only the approved version: a 404 while in review)."""
        return KINDS[self.kind](key=self.key, version=self.version).get_version_url()


def _rows(querysets: dict[str, QuerySet], when: str) -> QuerySet:
    selects = [
        queryset.order_by().values(
            "key",
            "version",
            label=LABELS[kind],
            at=F(when),
            kind=Value(kind, output_field=CharField()),
        )
        for kind, queryset in querysets.items()
    ]
    return selects[0].union(*selects[1:], all=True).order_by("-at", "kind")


def approved_since(user, since: datetime, persona_ids: list[int] | None = None) -> QuerySet:
    """Versions approved after `since` that `user` may read (rows as dicts; see items()),
    about the given personas only when there are some ("my personas" on the profile)."""
    querysets = {}
    for kind, model in KINDS.items():
        rows = model.objects.visible_to(user).approved().filter(approved_at__gte=since)
        querysets[kind] = rows.for_personas(persona_ids) if persona_ids else rows
    return _rows(querysets, "approved_at")


def waiting_for(user) -> QuerySet:
    """Versions in review waiting for a signature or approval `user` may give."""
    return _rows(
        {kind: model.objects.waiting_for(user) for kind, model in KINDS.items()}, "updated_at"
    )


def items(rows) -> list[FeedItem]:
    """Rows of approved_since()/waiting_for() (already sliced) as items with URLs."""
    return [FeedItem(**row) for row in rows]
