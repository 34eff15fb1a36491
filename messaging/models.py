"""Approved messaging: positioning, pillars, per-persona messages, boilerplates, glossary,
objection handling.

Every item is versioned. A row is one version; rows of one item share a `key`. At most one
version of an item is approved at a time (a named partial unique constraint holds that), and
editing an approved item creates a new draft version instead of changing what sales sees.
Approving a version retires the version it replaces, so history is every row of the key.
"""

import math
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import slugify

# Status, OPEN_STATUSES and the bases are imported from here by the rest of the code.
from messaging.querysets import OPEN_STATUSES as OPEN_STATUSES
from messaging.querysets import ObjectionQuerySet, PersonaMessageQuerySet
from messaging.querysets import Status as Status
from messaging.versioning import TwoSignatures, Versioned
from personas.models import Persona, split_lines

# All positioning versions share this key: the company has one positioning, in versions.
POSITIONING_KEY = uuid.UUID("5b1e6f0a-0b7e-4c55-9d3a-70517710f001")


def positioning_key() -> uuid.UUID:
    return POSITIONING_KEY


class Positioning(Versioned, TwoSignatures):
    """The company's value proposition and positioning statement; one approved version at a time.

    All positioning versions share one key, so "one approved" means one for the company.
    Collateral records which version an asset was written against.
    """

    key = models.UUIDField(
        default=positioning_key, editable=False, help_text="Same for all versions."
    )
    value_proposition = models.TextField(max_length=600)
    target_customer = models.CharField("for", max_length=300, help_text="Target customer.")
    need = models.CharField("who", max_length=300, help_text="Their need or opportunity.")
    category = models.CharField("our product is", max_length=300, help_text="Product category.")
    benefit = models.CharField("that", max_length=300, help_text="Key benefit.")
    alternative = models.CharField("unlike", max_length=300, help_text="Main alternative.")
    differentiator = models.CharField("we", max_length=300, help_text="What sets us apart.")
    elevator_pitch = models.TextField(max_length=1500)

    kind = "positioning"
    needs_two_signatures = True

    class Meta(Versioned.Meta):
        constraints = Versioned.Meta.constraints + TwoSignatures.Meta.constraints
        verbose_name_plural = "positioning versions"
        # The two sides of a sign-off (positioning and glossary), read through personas.roles.
        permissions = [
            ("sign_for_marketing", "Can sign messaging for Marketing"),
            ("sign_for_sales", "Can sign messaging for Sales"),
        ]

    def __str__(self) -> str:
        return f"Positioning v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("messaging:positioning_detail", args=[self.version])

    def get_version_url(self) -> str:
        return self.get_absolute_url()

    @property
    def title(self) -> str:
        return "Company positioning"

    @property
    def statement(self) -> SafeString:
        """The positioning statement as one sentence, its six parts in <strong> (escaped).

        The one place the sentence is built: the messaging home and the positioning page
        both render it. `strip_tags()` gives the plain sentence.
        """
        return format_html(
            "For <strong>{}</strong> who <strong>{}</strong>, our product is "
            "<strong>{}</strong> that <strong>{}</strong>. Unlike <strong>{}</strong>, "
            "we <strong>{}</strong>.",
            self.target_customer,
            self.need,
            self.category,
            self.benefit,
            self.alternative,
            self.differentiator,
        )

    def diff_fields(self) -> list[tuple[str, str]]:
        return [
            ("Value proposition", self.value_proposition),
            ("For", self.target_customer),
            ("Who", self.need),
            ("Our product is", self.category),
            ("That", self.benefit),
            ("Unlike", self.alternative),
            ("We", self.differentiator),
            ("Elevator pitch", self.elevator_pitch),
        ]


class Pillar(Versioned):
    """A messaging pillar: one reason to believe, backed by proof points.

    Collateral maps assets to pillar rows; match on `key` to find every version's assets.
    Persona messages follow the approved version (see `workflow.approve`).
    """

    name = models.CharField(max_length=120)
    summary = models.TextField(max_length=1000)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    kind = "pillars"
    display_prefetch = ("proof_points",)

    class Meta(Versioned.Meta):
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("messaging:pillar_detail", args=[self.key])

    def diff_fields(self) -> list[tuple[str, str]]:
        # Uses the prefetched proof points when the caller prefetched them.
        points = "\n".join(point.as_text() for point in self.proof_points.all())
        return [("Name", self.name), ("Summary", self.summary), ("Proof points", points)]


class ProofPoint(models.Model):
    """A claim with its evidence, belonging to one pillar version (copied into new versions)."""

    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="proof_points")
    claim = models.CharField(max_length=300)
    evidence = models.TextField(max_length=1000, blank=True)
    source_url = models.URLField("source link", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.claim

    def as_text(self) -> str:
        parts = [self.claim, self.evidence, self.source_url]
        return " — ".join(part for part in parts if part)


class PersonaMessage(Versioned):
    """What we say to one persona: a headline, key messages, and the pillars they lean on."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="messages")
    headline = models.CharField(max_length=200)
    key_messages = models.TextField(max_length=3000, help_text="One message a line.")
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="persona_messages")

    objects = PersonaMessageQuerySet.as_manager()

    kind = "messages"
    display_related = ("persona",)
    display_prefetch = ("pillars",)

    class Meta(Versioned.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.persona}: {self.headline}"

    def get_absolute_url(self) -> str:
        return reverse("messaging:message_detail", args=[self.key])

    @property
    def title(self) -> str:
        return f"Message for {self.persona.name}"

    @property
    def key_message_list(self) -> list[str]:
        return split_lines(self.key_messages)

    def diff_fields(self) -> list[tuple[str, str]]:
        pillars = ", ".join(sorted(pillar.name for pillar in self.pillars.all()))
        return [
            ("Persona", self.persona.name),
            ("Headline", self.headline),
            ("Key messages", self.key_messages),
            ("Pillars", pillars),
        ]


class Boilerplate(Versioned):
    """An approved company description of a fixed length (25, 50 or 100 words)."""

    class Length(models.IntegerChoices):
        SHORT = 25, "25 words"
        MEDIUM = 50, "50 words"
        LONG = 100, "100 words"

    # A boilerplate may miss its length by this share of words, either way.
    TOLERANCE = 0.10

    length = models.PositiveSmallIntegerField(choices=Length.choices)
    text = models.TextField(max_length=2000)

    kind = "boilerplates"

    class Meta(Versioned.Meta):
        ordering = ["length", "-version"]
        constraints = [
            *Versioned.Meta.constraints,
            # The messaging home shows one boilerplate per length.
            models.UniqueConstraint(
                fields=["length"],
                condition=Q(status="approved"),
                name="messaging_boilerplate_one_approved_per_length",
            ),
        ]

    def __str__(self) -> str:
        return f"Boilerplate ({self.length} words)"

    def get_absolute_url(self) -> str:
        return reverse("messaging:boilerplate_detail", args=[self.key])

    @staticmethod
    def count_words(text: str) -> int:
        return len(text.split())

    @property
    def word_count(self) -> int:
        return self.count_words(self.text)

    @classmethod
    def word_range(cls, length: int) -> tuple[int, int]:
        """The accepted word counts for `length`: 25 -> (23, 27), 50 -> (45, 55)."""
        slack = length * cls.TOLERANCE
        return math.ceil(length - slack), math.floor(length + slack)

    @property
    def budget(self) -> tuple[int, int] | None:
        return self.word_range(self.length) if self.length else None

    @property
    def within_budget(self) -> bool:
        low, high = self.budget or (0, 0)
        return low <= self.word_count <= high

    def clean(self) -> None:
        if not self.length or not self.text:
            return
        low, high = self.word_range(self.length)
        count = self.word_count
        if not low <= count <= high:
            raise ValidationError(
                {
                    "text": f"This text has {count} {pluralize_word(count)}; a {self.length}-word "
                    f"boilerplate needs {low}–{high}."
                },
                code="word_budget",
            )

    def diff_fields(self) -> list[tuple[str, str]]:
        return [("Length", self.get_length_display()), ("Text", self.text)]


def pluralize_word(count: int) -> str:
    return "word" if count == 1 else "words"


class GlossaryTerm(Versioned, TwoSignatures):
    """A term both sides agreed to use the same way ("marketing-qualified lead")."""

    term = models.CharField(max_length=120)
    definition = models.TextField(max_length=2000)

    kind = "glossary"
    needs_two_signatures = True

    class Meta(Versioned.Meta):
        constraints = Versioned.Meta.constraints + TwoSignatures.Meta.constraints
        ordering = ["term", "-version"]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("messaging:term_detail", args=[self.key])

    @property
    def anchor(self) -> str:
        """The id of the term on the glossary page."""
        return "term-" + slugify(self.term)

    @property
    def letter(self) -> str:
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"

    def diff_fields(self) -> list[tuple[str, str]]:
        return [("Term", self.term), ("Definition", self.definition)]


class Objection(Versioned):
    """An objection buyers raise and the approved way to answer it, optionally per persona."""

    persona = models.ForeignKey(
        Persona,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="objection_responses",
        help_text="Leave empty when any buyer may say it.",
    )
    objection = models.CharField(max_length=300)
    response = models.TextField(max_length=3000)

    objects = ObjectionQuerySet.as_manager()

    kind = "objections"
    display_related = ("persona",)

    class Meta(Versioned.Meta):
        ordering = ["objection", "-version"]

    def __str__(self) -> str:
        return self.objection

    def get_absolute_url(self) -> str:
        return reverse("messaging:objection_detail", args=[self.key])

    def diff_fields(self) -> list[tuple[str, str]]:
        return [
            ("Persona", self.persona.name if self.persona else "Any buyer"),
            ("Objection", self.objection),
            ("Response", self.response),
        ]


class RetiredWording(Versioned):
    """A phrase that must no longer be said, the approved wording instead, and why.

    Old product names, withdrawn claims, wrong competitor names. Marketing approves each in
    one step. Collateral checks the text of every current file against the approved phrases
    (`collateral.wording`), and reps read them as "Don't say → say instead".
    """

    # The form and the drift check both rely on this bound (a longer phrase is a form error).
    PHRASE_MAX = 200

    phrase = models.CharField(
        "don't say",
        max_length=PHRASE_MAX,
        help_text="The words as they appear in a file; case does not matter.",
    )
    replacement = models.CharField(
        "say instead", max_length=300, help_text="The approved wording to use instead."
    )
    reason = models.TextField(
        "why", max_length=1000, help_text="Why it is retired, so reps can explain it."
    )

    kind = "wording"

    class Meta(Versioned.Meta):
        ordering = ["phrase", "-version"]
        verbose_name = "retired wording"
        verbose_name_plural = "retired wording"
        constraints = [
            *Versioned.Meta.constraints,
            # One approved entry per phrase (any case), so the drift check reports each hit once
            # and reps never read two replacements for the same words.
            models.UniqueConstraint(
                Lower("phrase"),
                condition=Q(status="approved"),
                name="messaging_retiredwording_one_approved_phrase",
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.phrase}”"

    def get_absolute_url(self) -> str:
        return reverse("messaging:wording_detail", args=[self.key])

    @property
    def title(self) -> str:
        return f"Don't say “{self.phrase}”"

    @staticmethod
    def normalise(phrase: str) -> str:
        """The phrase as stored and compared: single spaces, no spaces at either end."""
        return " ".join((phrase or "").split())

    @staticmethod
    def same_phrase(phrase: str) -> Exact:
        """A filter for rows whose phrase is `phrase` in any case, folded by the database's
        lower() exactly as the one-approved-phrase constraint folds it. (`phrase__iexact` is
        UPPER() on PostgreSQL, which folds some letters differently: "İ" lowers to "i" but
        does not upper to "I", so the check passed and the approval hit the constraint.)"""
        return Exact(Lower("phrase"), Lower(Value(phrase)))

    def diff_fields(self) -> list[tuple[str, str]]:
        return [
            ("Don't say", self.phrase),
            ("Say instead", self.replacement),
            ("Why", self.reason),
        ]


# Every versioned kind by its URL segment; views look kinds up here.
KINDS: dict[str, type[Versioned]] = {
    model.kind: model
    for model in (
        Positioning,
        Pillar,
        PersonaMessage,
        Boilerplate,
        GlossaryTerm,
        Objection,
        RetiredWording,
    )
}
