"""`manage.py seed_demo`: demo users and content for a first look. Safe to run repeatedly.

The demo users share a published password and one of them is a superuser, so the command
only runs with DEBUG on (a developer's machine; `make run` writes DEBUG=1 into .env) unless
`--force` says this database really is meant to hold them. Existing users keep their
passwords: a user only gets the demo password when the command creates it.

It lives in `collateral`, the top app, because it seeds all three apps (DESIGN §2); each app
owns its demo content in `<app>/demo.py`.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from collateral import demo as collateral_demo
from collateral import search
from messaging import demo as messaging_demo
from personas import demo as personas_demo
from personas.demo_users import DEMO_PASSWORD, demo_user
from personas.roles import MANAGERS, MARKETING, SALES

DEMO_USERS = [
    # username, first name, last name, groups, superuser
    ("marketer", "Maya", "Marsh", [MARKETING], False),
    ("rep", "Ravi", "Patel", [SALES], False),
    ("manager", "Monica", "Stone", [MANAGERS], False),
    ("admin", "Ada", "Admin", [], True),
]


def seed_users() -> dict[str, User]:
    return {
        username: demo_user(username, first, last, groups, superuser)
        for username, first, last, groups, superuser in DEMO_USERS
    }


class Command(BaseCommand):
    help = "Create demo users and demo content. Running it again changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off (a staging or demo server, never production).",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates demo users with a published password, including the "
                f"superuser 'admin' ({DEMO_PASSWORD}), so it only runs with DEBUG on. "
                "This database looks like production (DEBUG is off); nothing was changed. "
                "If it really is a demo or staging database, run: manage.py seed_demo --force"
            )
        with transaction.atomic():
            users = seed_users()
            # Each app seeds its own content, lower layers first (collateral maps to both).
            personas_demo.seed(users)
            messaging_demo.seed(users)
            collateral_demo.seed(users)
            # Demo rows are made directly, not through the editors: index them all at once.
            search.rebuild_all()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            f"Sign in as marketer, rep, manager or admin, all with the password: {DEMO_PASSWORD}"
        )
