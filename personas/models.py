"""Buyer personas: the shared picture of who buys."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from personas import roles

# The search index lives in the lowest app because every app writes to it (see fulltext.py).
from personas.fulltext import SearchDocument as SearchDocument


def split_lines(text: str) -> list[str]:
    """One item a line, as entered in the form; blank lines and bullets dropped."""
    items = []
    for line in text.splitlines():
        item = line.strip().lstrip("-•*").strip()
        if item:
            items.append(item)
    return items


def photo_upload_to(instance: "Persona", filename: str) -> str:
    # The client's filename is never used: the stored name is generated.
    return f"personas/{uuid.uuid4().hex}.webp"


def thumbnail_upload_to(instance: "Persona", filename: str) -> str:
    return f"personas/thumbs/{uuid.uuid4().hex}.webp"


class PersonaQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PersonaQuerySet":
        """Marketing sees every persona (drafts and archived too); everyone else published."""
        if roles.can_edit(user):
            return self
        return self.filter(status=Persona.Status.PUBLISHED)

    def published(self) -> "PersonaQuerySet":
        return self.filter(status=Persona.Status.PUBLISHED)

    def due_for_review_owned_by(self, user) -> "PersonaQuerySet":
        """`user`'s published personas not reviewed within the review period, oldest first."""
        limit = timezone.localdate() - timedelta(days=settings.ONEVOICE_PERSONA_REVIEW_DAYS)
        return (
            self.published()
            .filter(owner=user)
            .filter(models.Q(reviewed_at__isnull=True) | models.Q(reviewed_at__lt=limit))
            .order_by(models.F("reviewed_at").asc(nulls_first=True), "pk")
        )

    def segments(self) -> list[str]:
        """The distinct non-empty segments, for the list page's filter."""
        rows = self.exclude(segment="").order_by("segment").values_list("segment", flat=True)
        return list(rows.distinct())


# Named in the IntegrityError of a save that raced another persona of the same name.
NAME_CONSTRAINT = "persona_name_unique_live"


class Persona(models.Model):
    """A buyer persona ("Operations Olivia"): who buys, what they want, how to reach them.

    Multi-item text fields hold one item a line (see `split_lines`) and render as lists.
    Marketing drafts and publishes personas; sales sees published ones only.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class BuyingRole(models.TextChoices):
        ECONOMIC_BUYER = "economic_buyer", "Economic buyer"
        CHAMPION = "champion", "Champion"
        TECHNICAL_EVALUATOR = "technical_evaluator", "Technical evaluator"
        USER = "user", "User"
        INFLUENCER = "influencer", "Influencer"

    class CompanySize(models.TextChoices):
        SMALL = "1-50", "1–50 employees"
        MEDIUM = "51-250", "51–250 employees"
        MIDMARKET = "251-1000", "251–1,000 employees"
        LARGE = "1001-5000", "1,001–5,000 employees"
        ENTERPRISE = "5000+", "5,000+ employees"

    name = models.CharField(
        max_length=120, help_text="A memorable name, e.g. “Operations Olivia”."
    )
    slug = models.SlugField(max_length=140, help_text="Used in the page address.")
    job_titles = models.TextField(blank=True, max_length=2000, help_text="One title a line.")
    segment = models.CharField(
        "segment / industry", max_length=120, blank=True, help_text="e.g. Mid-market logistics"
    )
    company_size = models.CharField(max_length=20, choices=CompanySize.choices, blank=True)
    buying_role = models.CharField(max_length=32, choices=BuyingRole.choices)
    summary = models.TextField(max_length=600, help_text="Two or three sentences: who they are.")
    goals = models.TextField(blank=True, max_length=4000, help_text="One goal a line.")
    pains = models.TextField(blank=True, max_length=4000, help_text="One pain a line.")
    priority_initiatives = models.TextField(
        blank=True, max_length=4000, help_text="What makes them look for a solution now."
    )
    success_factors = models.TextField(
        blank=True, max_length=4000, help_text="What a good outcome looks like to them."
    )
    perceived_barriers = models.TextField(
        blank=True, max_length=4000, help_text="What makes them doubt us or stall."
    )
    decision_criteria = models.TextField(
        blank=True, max_length=4000, help_text="How they compare options."
    )
    objections = models.TextField(
        blank=True, max_length=4000, help_text="What they say against buying, in their words."
    )
    channels = models.TextField(
        "channels / watering holes",
        blank=True,
        max_length=4000,
        help_text="Where to reach them: events, publications, communities.",
    )
    quote = models.CharField(max_length=300, blank=True, help_text="Something they would say.")
    photo = models.ImageField(upload_to=photo_upload_to, blank=True)
    thumbnail = models.ImageField(upload_to=thumbnail_upload_to, blank=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_personas",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    reviewed_at = models.DateField(
        null=True, blank=True, help_text="When marketing last checked this profile is true."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Serves /personas/<slug>/ lookups and keeps addresses unambiguous.
            models.UniqueConstraint(fields=["slug"], name="persona_slug_unique"),
            # Two live personas with one name cannot be told apart in the lists and filters
            # that name them (PersonaForm and the status buttons say so first; this holds
            # when two saves race). Archived ones are in no list, so their names are free.
            models.UniqueConstraint(
                Lower("name"),
                condition=~models.Q(status="archived"),
                name=NAME_CONSTRAINT,
                violation_error_message="Another persona already has this name.",
            ),
            # visible_to() filters on the status value: a typo there would hide a persona.
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published", "archived"]),
                name="persona_status_valid",
            ),
        ]
        indexes = [
            # Serves the persona list for sales: published personas ordered by name.
            models.Index(fields=["status", "name"], name="persona_status_name_idx"),
        ]
        # Read through personas.roles; granted to the Marketing group by migration 0004.
        permissions = [
            ("edit_content", "Can write and publish personas, messaging and collateral"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("personas:detail", args=[self.slug])

    def namesake(self) -> "Persona | None":
        """Another persona, not archived, with this name in any case (PersonaForm refuses a
        second one; an archived persona coming back must not make one either)."""
        others = Persona.objects.exclude(pk=self.pk).exclude(status=self.Status.ARCHIVED)
        return others.filter(name__iexact=self.name.strip()).first()

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def review_is_stale(self) -> bool:
        """True when the profile has not been reviewed within the review period."""
        if self.reviewed_at is None:
            return True
        limit = timedelta(days=settings.ONEVOICE_PERSONA_REVIEW_DAYS)
        return timezone.localdate() - self.reviewed_at > limit

    @property
    def review_due_on(self) -> date | None:
        """The date the profile becomes stale, or None when it was never reviewed."""
        if self.reviewed_at is None:
            return None
        return self.reviewed_at + timedelta(days=settings.ONEVOICE_PERSONA_REVIEW_DAYS)

    @property
    def initials(self) -> str:
        words = [w for w in self.name.split() if w[:1].isalnum()]
        return "".join(w[0] for w in words[:2]).upper() or "?"

    @property
    def avatar_variant(self) -> int:
        """A stable colour (1–6) for the initials avatar, so each persona keeps its colour."""
        return sum(self.slug.encode()) % 6 + 1

    @property
    def first_job_title(self) -> str:
        titles = split_lines(self.job_titles)
        return titles[0] if titles else ""


# Models kept in their own modules, imported here so Django registers them with this app.
from personas.addresses import OldAddress  # noqa: E402, F401
from personas.changelog import ChangeLog  # noqa: E402, F401
from personas.mail import UndeliveredMail  # noqa: E402, F401
from personas.people import Profile  # noqa: E402, F401
