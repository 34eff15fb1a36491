"""Demo people, shared by `seed_demo` and every app's demo content (one password for all)."""

from django.contrib.auth.models import Group, User

DEMO_PASSWORD = "onevoice-demo"


def demo_user(
    username: str, first: str, last: str, groups: list[str], superuser: bool = False
) -> User:
    """The demo user `username`, created with the demo password the first time, in `groups`."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@onevoice.example",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user
