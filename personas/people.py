"""What each person chooses for themselves: the personas they work with and how they want
mail; and the two moments OneVoice remembers about them (their previous visit, their last
digest), which decide what counts as "new" for them.

It lives in `personas` because "my personas" points at personas and every app reads it.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# "New since your last visit" on a first visit: what a newcomer should see first.
FIRST_VISIT_WINDOW = timedelta(days=30)


class Profile(models.Model):
    """One person's choices (created on first sign-in or first save of the profile page)."""

    class Mail(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately, and the daily digest"
        DIGEST = "digest", "Daily digest only"
        NONE = "none", "No e-mail"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="onevoice_profile"
    )
    personas = models.ManyToManyField(
        "personas.Persona",
        blank=True,
        related_name="+",
        verbose_name="my personas",
        help_text="What is new on your home page and in your digest is for these personas "
        "(and material for every persona). None chosen: every persona.",
    )
    mail = models.CharField("e-mail", max_length=10, choices=Mail.choices, default=Mail.DIGEST)
    # The start of the session before this one: "new since your last visit" counts from here.
    previous_visit_at = models.DateTimeField(null=True, blank=True, editable=False)
    current_visit_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the last digest went out; a second run the same day sends nothing (idempotent).
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def wants_immediate(self) -> bool:
        return self.mail == self.Mail.IMMEDIATE

    @property
    def wants_digest(self) -> bool:
        return self.mail in (self.Mail.IMMEDIATE, self.Mail.DIGEST)

    def new_since(self) -> datetime:
        """Where "new since your last visit" starts for this person."""
        return self.previous_visit_at or (timezone.now() - FIRST_VISIT_WINDOW)


def profile_for(user) -> Profile:
    """The person's profile, unsaved defaults when they never had one (no write on a read)."""
    profile = Profile.objects.filter(user=user).first()
    return profile or Profile(user=user)


def remember_visit(sender, user, request=None, **kwargs) -> None:
    """On sign-in: the previous session becomes "your last visit" (receiver of user_logged_in).

    Written at sign-in, never by a page view, so pages stay read-only.
    """
    profile, _ = Profile.objects.get_or_create(user=user)
    now = timezone.now()
    Profile.objects.filter(pk=profile.pk).update(
        previous_visit_at=profile.current_visit_at, current_visit_at=now
    )
