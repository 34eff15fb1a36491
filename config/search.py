"""Global search: one box over personas, messaging and collateral (DESIGN §5b).

This module only combines: each app says how its rows read as search documents, which of them
a user may see, and how a hit is shown (`personas.search`, `messaging.search`,
`collateral.search`); `personas.fulltext` runs the query on the database's own full-text
engine. The user's words are parsed here once into a `Query` (same meaning on PostgreSQL and
SQLite); input that cannot be searched gets a message, never an error page.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field

from django import forms

from collateral import search as collateral_search
from collateral.models import BuyingStage
from messaging import search as messaging_search
from personas import fulltext
from personas import search as persona_search
from personas.fulltext import Query, Term
from personas.models import Persona

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
PER_PAGE = 20
# On the "All" tab each group shows its best few, with a link to the rest.
PREVIEW_PER_GROUP = 5

# PostgreSQL's English stop-word list (tsearch_data/english.stop): words too common to search
# for. Dropped from bare words on both engines so a query means the same on each.
_STOP_WORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which who
    whom this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under
    again further then once here there when where why how all any both each few more most other
    some such no nor not only own same so than too very s t can will just don should
    now"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Quotation marks that phones, Word and other languages type for "…": all read as ".
QUOTES = str.maketrans(dict.fromkeys("“”„‟«»″〝〞＂", '"'))

GROUPS = [
    ("personas", "Personas"),
    ("messaging", "Messaging"),
    ("collateral", "Collateral"),
]


class UnsearchableQuery(ValueError):
    """The text has nothing to search for; the message says why and what to do."""


def parse(text: str) -> Query:
    """Read a search the way web search engines do: words must all match, "a quoted phrase"
    matches in that order, `or` between two words accepts either, -word (or NOT word)
    excludes.

    The text is composed first (NFC): "U" + a combining diaeresis, as some copy-paste
    produces, is the word "Ü", not the phrase "u bermensch"."""
    text = unicodedata.normalize("NFC", text).translate(QUOTES)
    items: list[tuple[str, Term | None]] = []
    saw_stop_word = False
    # "NOT" in capitals (as people type it for other search engines) excludes what follows,
    # like a minus; "not" in a sentence stays a stop word.
    negate_next = False
    for match in TOKEN.finditer(text):
        negated, phrase, bare = match.group(1) == "-", match.group(2), match.group(3)
        if phrase is None:
            if bare == "NOT" and any(what == "term" for what, _ in items):
                # Only after something to search for: "DO NOT CALL" is the word "call".
                negate_next = True
                continue
            if bare.lower() == "or":
                items.append(("or", None))
                negate_next = False
                continue
            negated = bare.startswith("-")
        negated, negate_next = negated or negate_next, False
        words = tuple(WORD.findall((phrase if phrase is not None else bare).lower()))
        if not words:
            continue
        if all(word in STOP_WORDS for word in words):
            saw_stop_word = True
            continue
        if phrase is None and len(words) > 1:
            # "CFO's" is read as the words "cfo" and "s"; the engines drop "s" from the text
            # they index, so as a phrase it found nothing (while "CFO" found three).
            words = tuple(word for word in words if word not in STOP_WORDS)
        items.append(("not" if negated else "term", Term(words)))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    previous = ""
    for what, term in items:
        if what == "term":
            if previous == "or" and groups:
                groups[-1].append(term)
            else:
                groups.append([term])
        elif what == "not":
            excluded.append(term)
        # An "or" joins the words either side of it; one at the start or after -word is
        # ignored, and "a or or b" means "a or b".
        keeps_or = what == "or" and previous in ("term", "or")
        previous = "or" if keeps_or else ("" if what == "or" else what)
    if not groups:
        if excluded:
            raise UnsearchableQuery(
                "A minus sign leaves a word out; add a word to look for as well, "
                "e.g. exceptions -carrier."
            )
        if saw_stop_word:
            raise UnsearchableQuery(
                "Those words are too common to search for. Add a more specific word, "
                "such as a pain, a product or a customer's name."
            )
        raise UnsearchableQuery(
            'There are no words to search for. Type a word or a "quoted phrase".'
        )
    if sum(len(group) for group in groups) + len(excluded) > MAX_TERMS:
        raise UnsearchableQuery(f"Use at most {MAX_TERMS} words or phrases in one search.")
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


class SearchForm(forms.Form):
    """The search page's parameters: the words, and optional filters."""

    q = forms.CharField(
        label="Search for",
        max_length=MAX_QUERY_CHARS,
        required=False,
        error_messages={
            "max_length": "A search can be at most %(limit_value)d characters long "
            "(this one has %(show_value)d). Use a few distinctive words instead."
        },
    )
    kind = forms.ChoiceField(
        choices=[("", "All"), *GROUPS], required=False, widget=forms.HiddenInput
    )
    persona = forms.ModelChoiceField(
        Persona.objects.none(), to_field_name="slug", required=False, empty_label="Any persona"
    )
    stage = forms.ModelChoiceField(
        BuyingStage.objects.all(), to_field_name="slug", required=False, empty_label="Any stage"
    )
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persona"].queryset = Persona.objects.visible_to(user).order_by("name")

    # What a filter that does not validate falls back to, and what the page says about it.
    FALLBACKS = {
        "kind": ("", ""),
        "persona": (None, "That persona is not available, so every persona is searched."),
        "stage": (None, "That stage does not exist, so every stage is searched."),
        "page": (None, ""),
    }

    def usable_data(self) -> tuple[dict, list[str]]:
        """The cleaned values with each filter that did not validate at its default, as the
        library does: an old link's persona or a page past the end still searches the words.
        Returns (values, notes on what was dropped). Call after is_valid(), errors in `q`
        aside."""
        data, notes = dict(self.cleaned_data), []
        for name, (default, note) in self.FALLBACKS.items():
            if name in self.errors:
                data[name] = default
                if note:
                    notes.append(note)
        return data, notes

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if len(text) == 1:
            raise forms.ValidationError("Type at least two characters to search.")
        return text


@dataclass
class Group:
    """One section of the results: its name, how many matched, and the hits shown."""

    key: str
    label: str
    count: int = 0
    hits: list = field(default_factory=list)
    page: int = 1
    pages: int = 1


# Each group's app module: how its rows are visible (`visible`) and shown (`present`).
MODULES = {
    "personas": persona_search,
    "messaging": messaging_search,
    "collateral": collateral_search,
}


def run(user, query: Query, *, kind: str, persona, stage, page: int) -> list[Group]:
    """Counts for every group, and the hits of the chosen group (or the best few of each)."""
    visible = {key: MODULES[key].visible(user, persona=persona, stage=stage) for key, _ in GROUPS}
    every_kind = {name: qs for group in visible.values() for name, qs in group.items()}
    if kind:
        # The page asked for; one past the end (an old link) shows the last page instead,
        # which costs a second search once the count is known.
        windows = {kind: (PER_PAGE, (page - 1) * PER_PAGE)}
    else:
        windows = {key: (PREVIEW_PER_GROUP, 0) for key, _ in GROUPS}
    with fulltext.index_scans():
        results = fulltext.search(query, every_kind, windows=windows)
        groups = [Group(key, label, results.counts.get(key, 0)) for key, label in GROUPS]
        for group in groups:
            if not group.count or (kind and kind != group.key):
                continue
            hits = results.hits[group.key]
            if kind:
                group.pages = math.ceil(group.count / PER_PAGE)
                group.page = min(page, group.pages)
                if group.page != page:  # past the end: the last page's hits
                    last = {kind: (PER_PAGE, (group.page - 1) * PER_PAGE)}
                    hits = fulltext.search(query, every_kind, windows=last).hits[kind]
            group.hits = MODULES[group.key].present(hits, query)
    return groups
