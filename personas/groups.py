"""Role groups and their model permissions, applied by each app's data migration.

Each app grants the permissions on its own models, so no migration reaches up the layers
(DESIGN §2). Permissions are normally created after all migrations (post_migrate); the
migration creates them first so a fresh database has usable groups at once.
"""

from django.contrib.auth.management import create_permissions

from personas.roles import ROLE_GROUPS


def grant(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Create the role groups if needed and give each the listed `codename`s of `app_label`."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # let create_permissions run inside a migration
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLE_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        codenames = grants.get(name, [])
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown {app_label} permissions for {name}: {sorted(missing)}")
        group.permissions.add(*permissions)
