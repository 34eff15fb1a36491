"""Role facts kept in a shared cache (personas.usercache): no SQL on later requests, and
never stale after a change to a person's groups or a group's permissions."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache

from personas import roles
from personas.roles import MANAGERS, MARKETING


@pytest.fixture
def shared_cache(settings):
    settings.ONEVOICE_CACHE_ROLES = True
    cache.clear()
    yield
    cache.clear()


def fresh(user: User) -> User:
    """The user as the next request loads it (nothing memoised on the object)."""
    return User.objects.get(pk=user.pk)


def test_the_next_request_reads_roles_from_the_cache(
    shared_cache, marketer, django_assert_num_queries
):
    assert roles.role_for(fresh(marketer)).can_edit  # a page: permissions and groups
    user = fresh(marketer)
    with django_assert_num_queries(0):
        assert roles.can_edit(user)
        assert roles.role_label(user) == "Marketing"


def test_without_a_shared_cache_every_request_asks_the_database(
    marketer, django_assert_num_queries
):
    assert roles.can_edit(fresh(marketer))
    user = fresh(marketer)
    with django_assert_num_queries(1):
        assert roles.can_edit(user)


def test_a_role_taken_away_is_gone_at_the_next_request(shared_cache, marketer):
    assert roles.can_edit(fresh(marketer))
    marketer.groups.remove(Group.objects.get(name=MARKETING))
    assert not roles.can_edit(fresh(marketer))


def test_a_person_removed_from_the_groups_side_loses_the_role(shared_cache, marketer):
    assert roles.can_edit(fresh(marketer))
    Group.objects.get(name=MARKETING).user_set.clear()
    assert not roles.can_edit(fresh(marketer))


def test_a_role_given_shows_at_the_next_request(shared_cache, rep):
    assert not roles.is_manager(fresh(rep))
    Group.objects.get(name=MANAGERS).user_set.add(rep)
    assert roles.is_manager(fresh(rep))


def test_a_group_permission_change_reaches_has_perm(shared_cache, rep, django_assert_num_queries):
    permission = Permission.objects.get(codename="view_audit")
    assert not fresh(rep).has_perm("collateral.view_audit")
    cached = fresh(rep)
    with django_assert_num_queries(0):
        assert not cached.has_perm("collateral.view_audit")
    rep.groups.first().permissions.add(permission)
    assert fresh(rep).has_perm("collateral.view_audit")
