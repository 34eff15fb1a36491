"""`manage.py audit_collateral`: the unused report for scripts and e-mail jobs."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("audit_collateral", *args, stdout=out)
    return out.getvalue()


def test_prints_the_unused_report_as_a_table(world):
    output = run("--days", "90")
    lines = output.splitlines()
    assert lines[0].split()[:2] == ["Asset", "Type"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith(world.assets["C"].title)
    assert lines[3].startswith(world.assets["B"].title)
    assert world.assets["A"].title not in output
    assert "2 asset(s) not used in the last 90 days." in output
    assert "1 newer asset(s) left out: still in their grace period." in output


def test_prints_csv_with_the_same_rows_as_the_page(world):
    rows = list(csv.reader(io.StringIO(run("--days", "30", "--format", "csv"))))
    assert rows[0][0] == "Asset"
    assert [row[0] for row in rows[1:]] == world.titles("C", "B", "H", "E")


def test_says_so_when_everything_was_used(db):
    assert "Every published asset was used in the last 90 days." in run()


@pytest.mark.parametrize("days", ["abc", "0", "-5", "99999", "1.5"])
def test_invalid_days_is_a_clear_command_error(db, days):
    with pytest.raises(CommandError, match="--days must be"):
        run("--days", days)
