"""Load benchmark: the site under gunicorn, driven by wrk, measured against a floor.

Run by hand, never in CI (see bench/README.md):

    createdb -h 127.0.0.1 -U postgres bench_onevoice
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_onevoice \\
        .venv/bin/python bench/load.py            # --seed to rebuild the data set

It reuses (or with --seed builds) bench/audit_reports.py's data set: 10,000 assets and
1,000,000 downloads. It then

1. starts the site under gunicorn (2 sync workers) with production settings (DEBUG off,
   manifest static files, a shared Redis cache when one answers on 127.0.0.1:6379) and the
   floor app (bench/floor.py: a bare view and a plain FileResponse of the same file) under an
   identical gunicorn, each on a loopback port;
2. times single requests to every page a rep opens (median of sequential requests);
3. drives each page and the tracked download with wrk at 16 connections, each run right after
   a run of its floor (the bare view for pages, the plain file for the download), so every
   ratio compares two runs seconds apart;
4. checks that nothing was lost: Download rows written = 200 responses gunicorn sent for the
   download URL = the asset's counter increase; then removes the rep's downloads again, so
   the data set stays as seeded for bench/audit_reports.py.

Two more pairs of runs help read the ratios (not goals): a bare view behind the site's
middleware with the rep's session (bench/search_urls.py), and the download asked with the
file's ETag, answered 304 (everything but the record and the bytes).

Everything is bounded in time: (pages + 3) × 2 runs of --duration seconds.
"""

import argparse
import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_PORT, FLOOR_PORT = 8411, 8412
WRK = shutil.which("wrk") or "/usr/bin/wrk"
DOWNLOAD_BYTES = 200 * 1024
# The goals of issue #18, as ratios to the floor and as single-request times.
PAGE_RATIO_GOAL = 10.0
DOWNLOAD_RATIO_GOAL = 0.3
SINGLE_MS_GOAL = 50.0
# The signed-in rep whose session drives every run (and whose downloads are removed after).
REP = "bench-load-rep"


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def production_env(work: Path) -> dict[str, str]:
    """What gunicorn and this script share: production settings on plain loopback HTTP."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-load-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": "redis://127.0.0.1:6379/7" if redis_answers() else "locmemcache://",
    }
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(seed: bool) -> dict:
    """Data set, a rep with a session, and one published asset whose file exists."""
    from django.contrib.auth.models import Group, User
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from collateral.models import Asset, AssetVersion, Download
    from messaging.models import Positioning
    from personas.models import Persona
    from personas.roles import MARKETING, SALES

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        sys.exit(
            "Refusing to run: point DATABASE_URL at a PostgreSQL database whose name contains "
            f"'bench' (--seed empties it). Now: {connection.vendor} {name!r}."
        )
    call_command("migrate", verbosity=0)
    if seed or not Download.objects.exists():
        import random

        sys.path.insert(0, str(ROOT / "bench"))
        from audit_reports import seed as seed_data  # the same data set as the audit bench

        seed_data(random.Random(2026))
    # The nightly job's state: every closed day rolled up (DESIGN §5b); today stays live.
    call_command("rollup_downloads", rebuild=seed)
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()
    # The seeded positioning is approved without signatures, which the real workflow never
    # allows (both sides sign, PROTECTed); the messaging page names the signers.
    signer = User.objects.filter(groups__name=MARKETING).first()
    seller = User.objects.filter(groups__name=SALES).first()
    Positioning.objects.filter(status="approved", marketing_signed_by=None).update(
        marketing_signed_by=signer, sales_signed_by=seller, approved_at=timezone.now()
    )

    rep, _ = User.objects.get_or_create(username=REP, defaults={"first_name": "Rep"})
    rep.groups.add(Group.objects.get(name=SALES))
    client = Client()
    client.force_login(rep)
    session = client.cookies["sessionid"].value

    # The downloaded asset: the most downloaded published one, its file written for real.
    asset = (
        Asset.objects.published()
        .filter(current_version__isnull=False)
        .order_by("-download_count")
        .first()
    )
    version = asset.current_version
    media = Path(os.environ["MEDIA_ROOT"])
    target = media / "collateral" / "bench-download.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"%PDF-1.7\n" + os.urandom(DOWNLOAD_BYTES - 9))
    AssetVersion.objects.filter(pk=version.pk).update(
        file="collateral/bench-download.pdf", size=DOWNLOAD_BYTES
    )
    persona = Persona.objects.published().order_by("slug").first()
    return {
        "session": session,
        "asset": asset,
        "persona": persona,
        "file": target,
    }


def rep_pages(data: dict) -> list[tuple[str, str]]:
    from django.urls import NoReverseMatch, reverse

    pages = [
        ("Home", reverse("home")),
        ("Personas", reverse("personas:list")),
        ("Persona", data["persona"].get_absolute_url()),
        ("Messaging", reverse("messaging:home")),
        ("Library", reverse("collateral:library")),
        ("Asset", data["asset"].get_absolute_url()),
    ]
    with contextlib.suppress(NoReverseMatch):
        pages.append(("Search", reverse("search") + "?q=deck"))
    return pages


def start(args: list[str], env: dict, port: int, cwd: Path) -> subprocess.Popen:
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit(f"gunicorn did not start on port {port}")


def get(url: str, session: str = "") -> tuple[int, float, int]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            size = len(response.read())
            status = response.status
    except urllib.error.HTTPError as error:
        return error.code, 0.0, 0
    return status, (time.perf_counter() - started) * 1000, size


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, session: str, duration: int, connections: int, *headers: str) -> dict:
    """req/s, p50 and p99 in ms, and how many responses were not 2xx/3xx."""
    output = subprocess.run(
        [
            WRK,
            *(argument for header in headers for argument in ("--header", header)),
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "--header",
            f"Cookie: sessionid={session}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "bad": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="(re)build the data set first")
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (each app)")
    parser.add_argument("--single", type=int, default=15, help="sequential requests per page")
    args = parser.parse_args()
    if not Path(WRK).exists():
        sys.exit("wrk is not installed: apt-get install -y wrk")

    work = Path(tempfile.mkdtemp(prefix="onevoice-load-"))
    env = production_env(work)
    setup_django(env)
    data = prepare(args.seed)

    from django.db import connection
    from django.db.models import F

    from collateral.models import Asset, Download

    access_log = work / "access.log"
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    common = ["--workers", str(args.workers), "--worker-class", "sync", "--log-level", "warning"]
    # The site's own URLs plus /bench/bare/ (load_settings), under production settings.
    site = start(
        [
            gunicorn,
            "config.wsgi",
            "--pythonpath",
            str(ROOT / "bench"),
            "--bind",
            f"127.0.0.1:{SITE_PORT}",
            *common,
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(m)s %(s)s %(U)s",
        ],
        {**env, "DJANGO_SETTINGS_MODULE": "load_settings"},
        SITE_PORT,
        ROOT,
    )
    floor = start(
        [gunicorn, "floor:application", "--bind", f"127.0.0.1:{FLOOR_PORT}", *common],
        {**env, "BENCH_FILE": str(data["file"])},
        FLOOR_PORT,
        ROOT / "bench",
    )
    site_url = f"http://127.0.0.1:{SITE_PORT}"
    floor_url = f"http://127.0.0.1:{FLOOR_PORT}"
    session = data["session"]
    asset = data["asset"]
    download_path = asset.get_download_url()
    try:
        pages = rep_pages(data)
        for label, path in pages:
            status, _, _ = get(site_url + path, session)
            if status != 200:
                sys.exit(f"{label} ({path}) answered {status}, not 200: is the session valid?")
        print(
            f"\nOneVoice under gunicorn ({args.workers} sync workers), production settings, "
            f"cache {env['CACHE_URL']}, PostgreSQL {connection.settings_dict['NAME']}; "
            f"wrk {args.connections} connections, {args.duration} s per run, a rep's session."
        )

        print(f"\nSingle requests, median of {args.single} (goal ≤ {SINGLE_MS_GOAL:.0f} ms):\n")
        print(f"{'page':<12} {'median ms':>10} {'KB':>7}  goal")
        for label, path in pages:
            timings, size = [], 0
            for _ in range(args.single + 2):
                _, ms, size = get(site_url + path, session)
                timings.append(ms)
            median = statistics.median(timings[2:])
            verdict = "met" if median <= SINGLE_MS_GOAL else "NOT met"
            print(f"{label:<12} {median:>10.1f} {size / 1024:>7.0f}  {verdict}")

        rows_before = Download.objects.filter(asset=asset).count()
        counter_before = Asset.objects.get(pk=asset.pk).download_count
        access_log.write_text("")

        goals = f"page p50 ≤ {PAGE_RATIO_GOAL:.0f}× bare; download ≥ {DOWNLOAD_RATIO_GOAL}× file"
        print(f"\nUnder load, each run right after its floor (goal: {goals}):\n")
        header = (
            f"{'run':<22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}  "
            f"{'ratio':>7}  goal"
        )
        print(header)
        print("-" * len(header))

        def show(label: str, result: dict, ratio: str = "", verdict: str = "") -> None:
            print(
                f"{label:<22} {result['rps']:>8.0f} {result['p50']:>8.2f} {result['p99']:>8.2f} "
                f"{result['bad']:>8}  {ratio:>7}  {verdict}"
            )

        duration, connections = args.duration, args.connections
        for label, path in pages:
            bare = wrk(f"{floor_url}/bare/", "", duration, connections)
            show("  floor: bare view", bare)
            result = wrk(site_url + path, session, duration, connections)
            ratio = result["p50"] / bare["p50"] if result["requests"] else float("inf")
            verdict = "met" if ratio <= PAGE_RATIO_GOAL and not result["bad"] else "NOT met"
            show(label, result, f"{ratio:.1f}×", verdict)
        plain = wrk(f"{floor_url}/file/", "", duration, connections)
        show("  floor: plain file", plain)
        tracked = wrk(site_url + download_path, session, duration, connections)
        ratio = tracked["rps"] / plain["rps"] if tracked["requests"] else 0.0
        verdict = "met" if ratio >= DOWNLOAD_RATIO_GOAL and not tracked["bad"] else "NOT met"
        show("Tracked download", tracked, f"{ratio:.2f}×", verdict)

        # Not goals: what the site costs before a page or a download does its own work.
        print("\nFor reading the ratios (not goals):\n")
        bare = wrk(f"{floor_url}/bare/", "", duration, connections)
        show("  floor: bare view", bare)
        signed_in = wrk(f"{site_url}/bench/bare/", session, duration, connections)
        show("Signed-in bare view", signed_in, f"{signed_in['p50'] / bare['p50']:.1f}×")
        plain = wrk(f"{floor_url}/file/", "", duration, connections)
        show("  floor: plain file", plain)
        etag = f"If-None-Match: {asset.current_version.etag}"
        unchanged = wrk(site_url + download_path, session, duration, connections, etag)
        show("Download, 304", unchanged, f"{unchanged['rps'] / plain['rps']:.2f}×")
    finally:
        for process in (site, floor):
            process.terminate()
        for process in (site, floor):
            process.wait(timeout=30)

    served = sum(
        1 for line in access_log.read_text().splitlines() if line == f"GET 200 {download_path}"
    )
    rows = Download.objects.filter(asset=asset).count() - rows_before
    counter = Asset.objects.get(pk=asset.pk).download_count - counter_before
    verdict = "nothing lost" if rows == served == counter else "MISMATCH"
    print(
        f"\nDownloads: {served:,} answered 200 by gunicorn ({tracked['requests']:,} completed "
        f"within wrk's window), {rows:,} rows written, counter +{counter:,}: {verdict}."
    )
    # Leave the data set as seeded: thousands of downloads "today" would otherwise slow the
    # audit reports' live part in bench/audit_reports.py runs after this one.
    Download.objects.filter(user__username=REP).delete()
    Asset.objects.filter(pk=asset.pk).update(download_count=F("download_count") - counter)
    shutil.rmtree(work, ignore_errors=True)
    if verdict != "nothing lost":
        sys.exit(1)


if __name__ == "__main__":
    main()
