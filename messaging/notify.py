"""Mail about messaging: when a version goes into review, everyone who may give one of its
missing sign-offs is told (immediately, if they chose that on their profile)."""

from messaging.models import Versioned
from personas import roles
from personas.mail import absolute, notify_after_commit


def sign_off_requested(item: Versioned, submitter) -> None:
    """Call in the transaction that puts `item` in review; mails after it commits."""
    # By the sign-off permissions, as the review queue decides (roles.can_sign_for_*), so a
    # checkbox taken from a group or given to one person changes who is mailed.
    people = set(roles.people_who_may(roles.SIGN_FOR_MARKETING).values_list("pk", flat=True))
    if item.needs_two_signatures:
        people |= set(roles.people_who_may(roles.SIGN_FOR_SALES).values_list("pk", flat=True))
    people.discard(submitter.pk)
    notify_after_commit(
        sorted(people),
        "sign_off",
        f"Sign-off requested: {item.title}",
        {
            "title": item.title,
            "kind_label": str(type(item)._meta.verbose_name),
            "version": item.version,
            "url": absolute(item.get_version_url()),
        },
    )
