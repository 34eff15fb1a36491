"""Statuses of messaging versions and the queries that decide who sees which version.

Visibility lives here, in one place: Marketing sees every version; people who may sign a
positioning or glossary version in review may read it; everyone else sees approved versions,
and per-persona items only while their persona is visible to them.
"""

import uuid

from django.db import models
from django.db.models import Prefetch, Q

from personas import roles
from personas.models import Persona


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    APPROVED = "approved", "Approved"
    RETIRED = "retired", "Retired"


OPEN_STATUSES = (Status.DRAFT, Status.REVIEW)


class VersionedQuerySet(models.QuerySet):
    def approved(self) -> "VersionedQuerySet":
        return self.filter(status=Status.APPROVED)

    def open(self) -> "VersionedQuerySet":
        """Versions still being worked on: drafts and versions in review."""
        return self.filter(status__in=OPEN_STATUSES)

    def history(self, key: uuid.UUID) -> "VersionedQuerySet":
        return self.filter(key=key).order_by("-version")

    def of_visible_personas(self, user) -> "VersionedQuerySet":
        """Items of a persona `user` (not Marketing) may see; per-persona kinds override it
        (a draft or archived persona's lines stay inside, in every list and in search)."""
        return self

    def for_personas(self, persona_ids) -> "VersionedQuerySet":
        """Items about these personas (ids); kinds not tied to a persona are about everyone."""
        return self

    def visible_to(self, user) -> "VersionedQuerySet":
        """Marketing sees every version; anyone who may sign a version in review may read it;
        everyone else sees approved versions only."""
        if roles.can_edit(user):
            return self  # Marketing sees every persona, so every persona's lines too
        visible = Q(status=Status.APPROVED)
        if self.model.needs_two_signatures and (
            roles.can_sign_for_sales(user) or roles.can_sign_for_marketing(user)
        ):
            visible |= Q(status=Status.REVIEW)
        return self.filter(visible).of_visible_personas(user)

    def findable_by(self, user) -> "VersionedQuerySet":
        """What search offers: Marketing every open and approved version; everyone else the
        approved ones only (a signer reads a version in review from the review queue)."""
        if roles.can_edit(user):
            return self.exclude(status=Status.RETIRED)
        return self.filter(status=Status.APPROVED).of_visible_personas(user)

    def waiting_for(self, user) -> "VersionedQuerySet":
        """Versions in review that `user` can move on: a missing signature they may give, or
        (one-step items) the marketing approval. Empty when they can do nothing."""
        in_review = self.filter(status=Status.REVIEW)
        marketing = roles.can_sign_for_marketing(user)
        if not self.model.needs_two_signatures:
            return in_review if marketing else self.none()
        # One person never signs both sides, so what they already signed rules them out.
        sides = Q(pk__in=[])
        if marketing:
            sides |= Q(marketing_signed_by__isnull=True) & (
                Q(sales_signed_by__isnull=True) | ~Q(sales_signed_by=user)
            )
        if roles.can_sign_for_sales(user):
            sides |= Q(sales_signed_by__isnull=True) & (
                Q(marketing_signed_by__isnull=True) | ~Q(marketing_signed_by=user)
            )
        return in_review.filter(sides)

    def for_persona_page(self, user) -> "VersionedQuerySet":
        """What the persona page prefetches through its reverse relation: approved versions."""
        return self.approved()

    def for_display(self) -> "VersionedQuerySet":
        """Everything a version's page or a list row shows, fetched up front."""
        related = ["created_by", "approved_by", *self.model.display_related]
        if self.model.needs_two_signatures:
            related += ["marketing_signed_by", "sales_signed_by"]
        return self.select_related(*related).prefetch_related(*self.model.display_prefetch)


class PersonaMessageQuerySet(VersionedQuerySet):
    def of_visible_personas(self, user) -> "PersonaMessageQuerySet":
        return self.filter(persona__in=Persona.objects.visible_to(user))

    def for_personas(self, persona_ids) -> "PersonaMessageQuerySet":
        return self.filter(persona__in=persona_ids)

    def for_persona_page(self, user) -> "PersonaMessageQuerySet":
        """Approved messages with their approved pillars, fetched in one extra query."""
        pillar_model = self.model._meta.get_field("pillars").related_model
        return self.approved().prefetch_related(
            Prefetch("pillars", queryset=pillar_model.objects.approved())
        )


class ObjectionQuerySet(VersionedQuerySet):
    def of_visible_personas(self, user) -> "ObjectionQuerySet":
        """Objections any buyer raises (no persona) stay visible."""
        return self.filter(
            Q(persona__isnull=True) | Q(persona__in=Persona.objects.visible_to(user))
        )

    def for_personas(self, persona_ids) -> "ObjectionQuerySet":
        """What these personas may raise: their own objections and those any buyer raises
        (the brief, a search filtered to a persona and "my personas" show both)."""
        return self.filter(Q(persona__in=persona_ids) | Q(persona__isnull=True))
