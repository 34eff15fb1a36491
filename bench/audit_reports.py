"""Benchmark the audit reports on 10,000 assets and 1,000,000 downloads in PostgreSQL.

Run by hand, never in CI (see bench/README.md):

    createdb -h 127.0.0.1 -U postgres bench_onevoice
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_onevoice \\
        .venv/bin/python bench/audit_reports.py --seed

It migrates the database, seeds it with COPY (about a minute), then requests every report
page through Django's test Client as a manager, several times each, and prints the median and
worst time and the number of SQL queries per page. Without --seed it reuses the data.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The test settings: production settings without HTTPS redirects or a static manifest.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from collateral.models import (  # noqa: E402
    Asset,
    AssetVersion,
    AuditEntry,
    BuyingStage,
    Download,
    Feedback,
)
from messaging.models import Positioning  # noqa: E402
from personas.models import Persona  # noqa: E402
from personas.roles import MANAGERS, MARKETING, SALES  # noqa: E402

ASSETS = 10_000
DOWNLOADS = 1_000_000
NOW = datetime.now(UTC)

# Every report page and CSV for every period a manager can choose (#18.3: each ≤ 300 ms).
PERIODS = (30, 90, 180, 365)
PAGES = [
    *[(f"Summary, {days} days", "collateral:audit", {"days": days}) for days in PERIODS],
    *[(f"Unused, {days} days", "collateral:audit_unused", {"days": days}) for days in PERIODS],
    ("Unused, sorted by title, page 5", "collateral:audit_unused", {"sort": "title", "page": 5}),
    *[(f"Usage, {days} days", "collateral:audit_usage", {"days": days}) for days in PERIODS],
    ("Usage, sorted by unique users", "collateral:audit_usage", {"sort": "-unique"}),
    ("Usage, one persona", "collateral:audit_usage", {"persona": "persona-1"}),
    *[(f"Coverage, {days} days", "collateral:audit_coverage", {"days": days}) for days in PERIODS],
    ("Stale", "collateral:audit_stale", {}),
    *[
        (f"Unused CSV, {days} days", "collateral:audit_unused_csv", {"days": days})
        for days in PERIODS
    ],
    *[
        (f"Usage CSV, {days} days", "collateral:audit_usage_csv", {"days": days})
        for days in PERIODS
    ],
    *[
        (f"Coverage CSV, {days} days", "collateral:audit_coverage_csv", {"days": days})
        for days in PERIODS
    ],
    ("Stale CSV", "collateral:audit_stale_csv", {}),
]


def copy_rows(table: str, columns: list[str], rows) -> None:
    """COPY rows into a table (psycopg 3), far faster than INSERTs."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def copy_objects(model, rows) -> None:
    """COPY dicts of field values (by attname) into a model's table; unset fields get their
    model default, so columns added to the model later do not break the benchmark."""
    fields = model._meta.concrete_fields
    defaults = {field.attname: field.get_default() for field in fields}
    copy_rows(
        model._meta.db_table,
        [field.column for field in fields],
        (
            tuple(row.get(field.attname, defaults[field.attname]) for field in fields)
            for row in rows
        ),
    )


def truncate() -> None:
    tables = [
        Download._meta.db_table,
        Feedback._meta.db_table,
        AuditEntry.assets.through._meta.db_table,
        AuditEntry._meta.db_table,
        Asset.personas.through._meta.db_table,
        Asset.stages.through._meta.db_table,
        Asset.pillars.through._meta.db_table,
        AssetVersion._meta.db_table,
        Asset._meta.db_table,
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def seed_people() -> dict[str, list[int]]:
    groups = {group.name: group for group in Group.objects.all()}
    people: dict[str, list[int]] = {"sales": [], "managers": [], "marketing": [], "none": []}
    plan = [("sales", SALES, 300), ("managers", MANAGERS, 20), ("marketing", MARKETING, 15)]
    plan.append(("none", None, 10))
    for key, group, count in plan:
        for number in range(count):
            user, _ = User.objects.get_or_create(username=f"bench-{key}-{number}")
            if group:
                user.groups.add(groups[group])
            people[key].append(user.pk)
    manager, _ = User.objects.get_or_create(username="bench-manager")
    manager.groups.add(groups[MANAGERS])
    return people


def seed_personas_and_positioning() -> tuple[list[int], list[int]]:
    personas = []
    for number in range(1, 11):
        persona, _ = Persona.objects.get_or_create(
            slug=f"persona-{number}",
            defaults={
                "name": f"Persona {number:02}",
                "status": "published" if number <= 8 else "draft",
                "buying_role": Persona.BuyingRole.USER,
                "summary": "Benchmark persona.",
            },
        )
        personas.append(persona.pk)
    key = uuid.uuid4()
    if not Positioning.objects.exists():
        for version in (1, 2, 3):
            Positioning.objects.create(
                key=key,
                version=version,
                status="approved" if version == 3 else "retired",
                value_proposition="-",
                target_customer="-",
                need="-",
                category="-",
                benefit="-",
                alternative="-",
                differentiator="-",
                elevator_pitch="-",
            )
    positionings = list(Positioning.objects.order_by("version").values_list("pk", flat=True))
    return personas, positionings


def seed(rng: random.Random) -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    # One transaction: Asset.current_version and AssetVersion.asset point at each other, and
    # Django's foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED).
    with transaction.atomic():
        fill(rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Seeded {ASSETS:,} assets and {DOWNLOADS:,} downloads in "
          f"{time.perf_counter() - started:.0f} s.")  # fmt: skip


def fill(rng: random.Random) -> None:
    truncate()
    people = seed_people()
    personas, positionings = seed_personas_and_positioning()
    stages = list(BuyingStage.objects.values_list("pk", flat=True))
    marketers = people["marketing"]
    types = Asset.Type.values

    # Assets: 85 % published, 10 % retired, 5 % draft, published over three years.
    owners = {}

    def asset_rows():
        for n in range(1, ASSETS + 1):
            roll = rng.random()
            status = "published" if roll < 0.85 else "retired" if roll < 0.95 else "draft"
            published = NOW - timedelta(days=rng.uniform(0, 3 * 365))
            review = NOW + timedelta(days=rng.randint(-200, 400))
            owners[n] = rng.choice(marketers)
            yield {
                "id": n,
                "uuid": uuid.uuid4(),
                "title": f"Benchmark asset {n:05} {rng.choice(['deck', 'guide', 'sheet'])}",
                "asset_type": rng.choice(types),
                "positioning_id": rng.choice([*positionings, None]),
                "owner_id": owners[n],
                "status": status,
                "review_by": review.date() if rng.random() < 0.7 else None,
                "current_version_id": n,  # one version per asset, same id
                "published_at": published if status != "draft" else None,
                "retired_at": published + timedelta(days=30) if status == "retired" else None,
                "created_at": published - timedelta(days=rng.randint(0, 30)),
                "updated_at": NOW,
            }

    copy_objects(Asset, asset_rows())
    copy_objects(
        AssetVersion,
        (
            {
                "id": n,
                "asset_id": n,
                "number": 1,
                "file": f"collateral/{n}.pdf",
                "original_filename": f"{n}.pdf",
                "size": 1000,
                "sha256": "0" * 64,
                "content_type": "application/pdf",
                "extension": "pdf",
                "uploaded_by_id": owners[n],
                "created_at": NOW,
            }
            for n in range(1, ASSETS + 1)
        ),
    )
    copy_rows(
        Asset.personas.through._meta.db_table,
        ["asset_id", "persona_id"],
        (
            (n, persona)
            for n in range(1, ASSETS + 1)
            for persona in rng.sample(personas, rng.choice([1, 1, 2, 2, 3]))
        ),
    )
    copy_rows(
        Asset.stages.through._meta.db_table,
        ["asset_id", "buyingstage_id"],
        (
            (n, stage)
            for n in range(1, ASSETS + 1)
            for stage in rng.sample(stages, rng.choice([1, 2]))
        ),
    )

    # Downloads: 40 % of assets are never downloaded; the rest follow a Zipf-like curve, so a
    # few assets are very popular. Time skews recent (the library grows), over two years.
    used = [n for n in range(1, ASSETS + 1) if rng.random() >= 0.4]
    rng.shuffle(used)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(used))]
    chosen = rng.choices(used, weights=weights, k=DOWNLOADS)
    downloaders = people["sales"] * 8 + people["managers"] * 2 + people["none"]
    sources = [choice.value for choice in Download.Source]

    def download_rows():
        for n, asset in enumerate(chosen, start=1):
            use = rng.random() >= 0.08  # 8 %: the owner's or Marketing's own, not use
            yield {
                "id": n,
                "asset_id": asset,
                "version_id": asset,
                "user_id": rng.choice(downloaders) if use else owners[asset],
                "downloaded_at": NOW - timedelta(days=(rng.random() ** 1.6) * 730),
                "source": rng.choice(sources),
                "is_use": use,
            }

    copy_objects(Download, download_rows())
    reps = people["sales"]
    ratings = (
        (n, user)
        for n in rng.sample(range(1, ASSETS + 1), ASSETS // 5)
        for user in rng.sample(reps, rng.randint(1, 8))
    )
    copy_objects(
        Feedback,
        (
            {
                "id": number,
                "asset_id": n,
                "user_id": user,
                "rating": rng.choice([1, 2, 2, 3, 4, 4, 5, 5]),
                "comment": "",
                "created_at": NOW,
                "updated_at": NOW,
            }
            for number, (n, user) in enumerate(ratings, start=1)
        ),
    )
    with connection.cursor() as cursor:
        for model in (Asset, AssetVersion, Download, Feedback):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )


def measure(runs: int) -> None:
    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username="bench-manager"))
    counts = {
        "assets": Asset.objects.count(),
        "published": Asset.objects.published().count(),
        "downloads": Download.objects.count(),
    }
    print(
        f"\n{counts['assets']:,} assets ({counts['published']:,} published), "
        f"{counts['downloads']:,} downloads; {runs} runs per page after one warm-up.\n"
    )
    header = (
        f"{'page':<34} {'median ms':>10} {'max ms':>8} {'queries':>8} {'SQL ms':>8}  goal 300 ms"
    )
    print(header)
    print("-" * len(header))
    for label, name, params in PAGES:
        url = reverse(name)
        client.get(url, params)  # warm-up: templates, plans, caches
        timings, sql = [], []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (label, response.status_code)
            sql.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
        print(
            f"{label:<34} {statistics.median(timings):>10.0f} {max(timings):>8.0f} "
            f"{len(queries.captured_queries):>8} {statistics.median(sql):>8.0f}  "
            f"{'met' if statistics.median(timings) <= 300 else 'NOT met'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="(re)create the data set first")
    parser.add_argument("--runs", type=int, default=5, help="requests per page (default 5)")
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        sys.exit(
            "Refusing to run: point DATABASE_URL at a PostgreSQL database whose name contains "
            f"'bench' (it is emptied by --seed). Now: {connection.vendor} {name!r}."
        )
    call_command("migrate", verbosity=0)  # the indexes measured are the migrations' own
    if args.seed or not Download.objects.exists():
        seed(random.Random(2026))
    # The nightly job's state: every closed day rolled up (DESIGN §5b); today stays live.
    call_command("rollup_downloads", rebuild=args.seed)
    measure(args.runs)


if __name__ == "__main__":
    main()
