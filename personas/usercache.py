"""Role facts of a user (group names, permissions) kept in the shared cache between requests.

Every page and every download asks "is this person in Marketing?" (is a download *use*, may
they see drafts). On the download path that lookup is one of four SQL statements (DESIGN §5),
so when a shared cache is configured (CACHE_URL pointing at Redis, see README) the answer is
kept there and the statement disappears.

Only a cache all processes share will do: with a per-process cache (local memory, the
default) a role taken away in one gunicorn worker would live on in the others, so then
nothing is kept between requests (`settings.ONEVOICE_CACHE_ROLES` is off).

Freshness: every entry carries the generation it was computed in. A change to one user's
groups deletes that user's entries; a change that may touch many users (a group renamed or
deleted, a group's permissions or members changed from the group's side) bumps the
generation, which retires every entry at once. Lookups read the generation and the entry in
one round trip (`get_many`). Entries also expire after ROLE_CACHE_SECONDS as a backstop for
changes made without signals (raw SQL, `bulk_create` of memberships).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

GENERATION_KEY = "onevoice:roles:generation"
KINDS = ("groups", "perms")
ROLE_CACHE_SECONDS = 15 * 60


def _key(user_pk: int, kind: str) -> str:
    return f"onevoice:roles:{kind}:{user_pk}"


def cached(user: User, kind: str, compute: Callable[[], Any]) -> Any:
    """`compute()` for `user`, from the shared cache when it holds a current answer."""
    if not settings.ONEVOICE_CACHE_ROLES or user.pk is None:
        return compute()
    key = _key(user.pk, kind)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = 0
        cache.add(GENERATION_KEY, generation, timeout=None)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    cache.set(key, (generation, value), timeout=ROLE_CACHE_SECONDS)
    return value


def forget_user(user_pk: int) -> None:
    if settings.ONEVOICE_CACHE_ROLES:
        cache.delete_many([_key(user_pk, kind) for kind in KINDS])


def forget_everyone() -> None:
    if not settings.ONEVOICE_CACHE_ROLES:
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing cached can be current
        cache.add(GENERATION_KEY, 1, timeout=None)


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def _memberships_changed(sender, instance, action, reverse, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, User):
        forget_user(instance.pk)
    else:  # group.user_set.add(...), permission.user_set.clear(), ...
        forget_everyone()


@receiver(m2m_changed, sender=Group.permissions.through)
@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
def _group_changed(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        forget_everyone()


@receiver(post_delete, sender=User)
def _user_deleted(sender, instance, **kwargs) -> None:
    forget_user(instance.pk)
