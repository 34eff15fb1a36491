"""Mail about messaging: when a version goes into review, everyone who may give one of its
missing sign-offs is told (immediately, if they chose that on their profile)."""

from django.contrib.auth import get_user_model

from messaging.models import Versioned
from personas import roles
from personas.mail import absolute, notify_after_commit


def sign_off_requested(item: Versioned, submitter) -> None:
    """Call in the transaction that puts `item` in review; mails after it commits."""
    sides = [roles.MARKETING]
    if item.needs_two_signatures:
        sides += [roles.SALES, roles.MANAGERS]
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=sides)
        .exclude(pk=submitter.pk)
        .values_list("pk", flat=True)
        .distinct()
    )
    notify_after_commit(
        list(people),
        "sign_off",
        f"Sign-off requested: {item.title}",
        {
            "title": item.title,
            "kind_label": str(type(item)._meta.verbose_name),
            "version": item.version,
            "url": absolute(item.get_version_url()),
        },
    )
