"""Benchmark global search on PostgreSQL: 10,000 assets averaging 20 pages of file text.

Run by hand, never in CI (see bench/README.md):

    createdb -h 127.0.0.1 -U postgres bench_search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python bench/search.py --seed

--seed builds the audit benchmark's data set (bench/audit_reports.py: 10,000 assets, their
personas, stages and ratings; fewer downloads, which search never reads), then gives every
current version 5 to 35 pages of generated text (COPY) and writes every search document.
Then it measures:
1. single requests through Django's test client as a rep: median and worst time, queries and
   SQL time for common, rare, phrase, "or", exclusion and filtered searches;
2. with --wrk, gunicorn under 16 connections (wrk, 20 s each): /search/ against a bare view
   (the same middleware and session, a view that returns "ok") — the floor;
3. extraction of a generated 200-page PDF in the guarded child: wall time, and the web
   process's peak memory before and after (the child's is reported apart).
"""

import argparse
import os
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
sys.path.insert(0, str(PROJECT_DIR))
sys.path.insert(0, str(BENCH_DIR))
# A bare view for the floor, on top of the test settings (see bench/search_urls.py).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "search_settings")

import audit_reports  # noqa: E402  (sets Django up)
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from collateral import search as collateral_search  # noqa: E402
from collateral.models import Asset, AssetVersion, VersionPage  # noqa: E402
from messaging import search as messaging_search  # noqa: E402
from personas import fulltext  # noqa: E402
from personas import search as persona_search  # noqa: E402

PAGES_PER_VERSION = (5, 35)  # uniform: 20 on average
WORDS_PER_PAGE = (40, 120)
# Words every page may use, from very common to rare (Zipf-like), plus a few the queries name.
VOCABULARY_SIZE = 6000
SEARCHES = [
    ("Common word (in most files)", {"q": "exceptions"}),
    ("Common word, page 3 of collateral", {"q": "exceptions", "kind": "collateral", "page": 3}),
    ("Medium word", {"q": "chargebacks"}),
    ("Rare word (a few files)", {"q": "zeppelin"}),
    ("Two words", {"q": "carrier overtime"}),
    ('Phrase "cost per order"', {"q": '"cost per order"'}),
    ("Either word (or)", {"q": "zeppelin or quokka"}),
    ("Exclusion", {"q": "chargebacks -overtime"}),
    ("Persona filter", {"q": "exceptions", "persona": "persona-1"}),
    ("Stage filter", {"q": "exceptions", "stage": "decision"}),
    ("No result", {"q": "hovercraft"}),
]
BUSINESS = [
    *[
        "exceptions",
        "order",
        "dispatch",
        "carrier",
        "overtime",
        "chargebacks",
        "margin",
        "warehouse",
        "finance",
    ],
    *[
        "payback",
        "routing",
        "queue",
        "shift",
        "customer",
        "invoice",
        "cost",
        "per",
        "integration",
        "security",
    ],
    *["pilot", "rollout"],
]


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = list(BUSINESS)
    while len(words) < VOCABULARY_SIZE:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))))
    words += ["zeppelin", "quokka"]  # rare: weights below put them in a handful of files
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(words))]
    weights[-2:] = [0.00002, 0.00002]
    return words, weights


def seed_text(rng: random.Random) -> None:
    """Pages of text for every current version, then every search document."""
    started = time.perf_counter()
    words, weights = vocabulary(rng)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {VersionPage._meta.db_table}, personas_searchdocument")
    versions = list(Asset.objects.values_list("current_version_id", flat=True))

    def page_rows():
        number_id = 0
        for version in versions:
            for page in range(1, rng.randint(*PAGES_PER_VERSION) + 1):
                number_id += 1
                count = rng.randint(*WORDS_PER_PAGE)
                text = " ".join(rng.choices(words, weights=weights, k=count))
                if rng.random() < 0.05:
                    text += " The cost per order fell."
                yield {"id": number_id, "version_id": version, "number": page, "text": text}

    audit_reports.copy_objects(VersionPage, page_rows())
    AssetVersion.objects.update(text_status="found")
    print(f"  pages: {VersionPage.objects.count():,} in {time.perf_counter() - started:.0f} s")
    with transaction.atomic():
        persona_search.index_all()
        messaging_search.index_all()
        copy_documents()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  text and search documents in {time.perf_counter() - started:.0f} s")


def copy_documents() -> None:
    """Every asset's document (what `collateral.search.document` writes), built inside
    PostgreSQL by one INSERT … SELECT: no client-side COPY stream that a slow producer could
    leave half-open while PostgreSQL computes each weighted tsvector."""
    newline = "E'\\n'"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO personas_searchdocument
                (kind, object_id, "group", title, tags, body, extra, updated_at)
            SELECT %s, a.id, %s, a.title,
                concat_ws({newline}, a.asset_type,
                    (SELECT string_agg(p.name, {newline}) FROM collateral_asset_personas ap
                     JOIN personas_persona p ON p.id = ap.persona_id WHERE ap.asset_id = a.id),
                    (SELECT string_agg(s.name, {newline}) FROM collateral_asset_stages ast
                     JOIN collateral_buyingstage s ON s.id = ast.buyingstage_id
                     WHERE ast.asset_id = a.id)),
                a.description,
                coalesce((SELECT string_agg(v.text, {newline} ORDER BY v.number)
                          FROM collateral_versionpage v
                          WHERE v.version_id = a.current_version_id), ''),
                now()
            FROM collateral_asset a
            """,
            [collateral_search.KIND, collateral_search.GROUP],
        )


def rep() -> User:
    user = User.objects.filter(groups__name="Sales").order_by("pk").first()
    assert user is not None, "seed first (--seed)"
    return user


def measure(runs: int) -> None:
    setup_test_environment()
    client = Client()
    client.force_login(rep())
    print(
        f"\n{Asset.objects.count():,} assets ({Asset.objects.published().count():,} published), "
        f"{VersionPage.objects.count():,} pages of text, "
        f"{fulltext.SearchDocument.objects.count():,} search documents; "
        f"{runs} runs per search after one warm-up, as a rep.\n"
    )
    header = (
        f"{'search':<36} {'results':>8} {'median ms':>10} {'max ms':>8} {'queries':>8} "
        f"{'SQL ms':>7}"
    )
    print(header)
    print("-" * len(header))
    medians = []
    for label, params in SEARCHES:
        client.get(reverse("search"), params)
        timings, sql = [], []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(reverse("search"), params)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (label, response.status_code)
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        total = sum(group.count for group in response.context["groups"])
        medians.append(statistics.median(timings))
        print(
            f"{label:<36} {total:>8,} {statistics.median(timings):>10.0f} {max(timings):>8.0f} "
            f"{len(queries.captured_queries):>8} {statistics.median(sql):>7.0f}"
        )
    print(f"\nMedian over all searches: {statistics.median(medians):.0f} ms")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def load(seconds: int, connections: int) -> None:
    """gunicorn (2 workers, the machine's cores) under wrk: search against the floor."""
    wrk = shutil.which("wrk")
    if wrk is None:
        print("\nwrk is not installed: skipping the load test.")
        return
    port = free_port()
    env = {**os.environ, "PYTHONPATH": f"{BENCH_DIR}:{PROJECT_DIR}"}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_DIR,
        env=env,
    )
    try:
        time.sleep(4)
        cookie = session_cookie(rep())
        print(f"\ngunicorn, 2 workers; wrk, {connections} connections, {seconds} s each.\n")
        header = f"{'URL':<44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
        print(header)
        print("-" * len(header))
        for label, path in [
            ("bare view (floor)", "/bench/bare/"),
            ("search: common word", "/search/?q=exceptions"),
            ("search: rare word", "/search/?q=zeppelin"),
        ]:
            url = f"http://127.0.0.1:{port}{path}"
            subprocess.run([wrk, "-t2", "-c4", "-d2s", "-H", f"Cookie: {cookie}", url],
                           capture_output=True, check=False)  # fmt: skip
            result = subprocess.run(
                [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                 "-H", f"Cookie: {cookie}", url],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            print(f"{label:<44} {wrk_figures(result.stdout)}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


def wrk_figures(output: str) -> str:
    rate = p50 = p99 = "?"
    for line in output.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            rate = parts[1]
        elif parts[:1] == ["50%"]:
            p50 = parts[1]
        elif parts[:1] == ["99%"]:
            p99 = parts[1]
        elif "Non-2xx" in line:
            rate += " (errors!)"
    return f"{rate:>8} {p50:>8} {p99:>8}"


def extraction(pages: int = 200) -> None:
    """A 200-page text PDF through the guarded child, timed; the web process's memory."""
    from PIL import Image

    from collateral import preview, textpdf
    from personas import sandbox

    rng = random.Random(7)
    words, weights = vocabulary(rng)
    texts = [
        [" ".join(rng.choices(words, weights=weights, k=12)) for _ in range(25)]
        for _ in range(pages)
    ]
    # Small page pictures: the text layer is what is measured, and a big picture list would
    # swell this (the web) process before the measurement starts.
    images = [Image.new("RGB", (170, 220), "white") for _ in range(pages)]
    data = textpdf.with_text_layer(images, texts)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        processed = preview.process_file(file.name, "pdf")
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    chars = sum(len(page.text) for page in processed.pages)
    print(
        f"\nExtraction of a {pages}-page PDF ({len(data) / 1e6:.1f} MB): {elapsed:.1f} s, "
        f"{len(processed.pages)} pages, {chars:,} characters, status {processed.text_status}.\n"
        f"Web process peak memory {before / 1024:.0f} MB before, {after / 1024:.0f} MB after; "
        f"the child's peak {child / 1024:.0f} MB (capped at "
        f"{sandbox.CHILD_MEMORY_BYTES // 2**20} MB; it starts as a fork of this process, so "
        "its peak includes what it shared before exec)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="(re)create the data set first")
    parser.add_argument("--runs", type=int, default=5, help="requests per search (default 5)")
    parser.add_argument("--wrk", action="store_true", help="also run the load test (wrk)")
    parser.add_argument("--seconds", type=int, default=20, help="wrk duration per URL")
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        sys.exit("Use a PostgreSQL database whose name contains 'bench' (it is emptied).")
    if args.seed:
        # Search reads no downloads: a small share of the audit benchmark's million will do.
        audit_reports.DOWNLOADS = 20_000
        audit_reports.seed(random.Random(2026))
        seed_text(random.Random(2026))
    extraction()
    measure(args.runs)
    if args.wrk:
        load(args.seconds, 16)


if __name__ == "__main__":
    main()
