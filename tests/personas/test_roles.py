"""One permission system (#14.10): capabilities are permissions, and groups carry them.

An administrator's checkboxes in the admin change what people may do: a group without a
permission loses the capability, and one person can be given one capability without a group.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from personas import roles
from tests.conftest import client_for, make_user


def permission(name: str) -> Permission:
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.mark.parametrize("group", roles.ROLE_GROUPS)
def test_each_role_group_carries_its_capabilities(db, group):
    held = {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=group).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    capabilities = {
        roles.EDIT_CONTENT,
        roles.VIEW_AUDIT,
        roles.ACT_ON_AUDIT,
        roles.SIGN_FOR_MARKETING,
        roles.SIGN_FOR_SALES,
        roles.GIVE_FEEDBACK,
        roles.REQUEST_MATERIAL,
    }
    assert held & capabilities == set(roles.GROUP_CAPABILITIES[group])


def test_one_person_can_read_the_audit_without_the_managers_group(db):
    auditor = make_user("auditor")
    auditor.user_permissions.add(permission(roles.VIEW_AUDIT))
    client = client_for(auditor)
    assert client.get(reverse("collateral:audit_unused")).status_code == 200
    assert client.get(reverse("collateral:audit_unused_csv")).status_code == 200
    # Reading is not acting: the bulk actions need their own permission.
    assert client.post(reverse("collateral:audit_bulk"), {"action": "retire"}).status_code == 403
    # Holding a OneVoice permission is a role: no "no role yet" page.
    assert client.get(reverse("collateral:library")).status_code == 200
    assert "Individual access" in client.get(reverse("home")).content.decode()


def test_the_audit_actions_can_be_given_to_one_person(db):
    person = make_user("acting", roles.SALES)
    person.user_permissions.add(permission(roles.ACT_ON_AUDIT), permission(roles.VIEW_AUDIT))
    response = client_for(person).post(reverse("collateral:audit_bulk"), {"action": "retire"})
    assert response.status_code == 302


def test_taking_a_permission_from_a_group_takes_the_capability(marketer):
    Group.objects.get(name=roles.MARKETING).permissions.remove(permission(roles.VIEW_AUDIT))
    assert client_for(marketer).get(reverse("collateral:audit")).status_code == 403


def test_a_rep_given_the_editing_permission_may_write_personas(rep):
    rep.user_permissions.add(permission(roles.EDIT_CONTENT))
    assert client_for(rep).get(reverse("personas:create")).status_code == 200


def test_a_group_with_no_onevoice_permission_is_no_role(db):
    Group.objects.create(name="Contractors").permissions.add(
        Permission.objects.get(codename="view_user")
    )
    person = make_user("contractor", "Contractors")
    assert not roles.has_role(person)
    assert client_for(person).get(reverse("personas:list")).status_code == 403


def test_permissions_are_read_in_one_query_and_cached_on_the_user(rep, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert roles.can_give_feedback(rep)
        assert roles.can_sign_for_sales(rep)
        assert not roles.can_edit(rep)
        assert not roles.can_view_audit(rep)
        assert roles.has_role(rep)


def test_a_person_given_the_editing_permission_can_own_collateral(rep, marketer):
    from collateral.forms import AssetForm

    rep.user_permissions.add(permission(roles.EDIT_CONTENT))
    owners = set(AssetForm(user=marketer).fields["owner"].queryset)
    assert {rep, marketer} <= owners
