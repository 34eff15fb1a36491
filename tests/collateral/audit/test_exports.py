"""CSV exports: the page's rows, a header, a BOM, quoted cells, no formulas."""

import csv
import io

import pytest
from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from collateral.models import Asset
from personas.models import Persona
from personas.spreadsheet import CHUNK_ROWS, write_csv
from personas.spreadsheet import safe_cell as neutralise
from tests.collateral.audit.conftest import make_asset

DANGEROUS_STARTS = ["=", "+", "-", "@", "\t", "\r", "\n", "\0"]


def read_csv(response) -> list[list[str]]:
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def assert_is_attachment(response, report: str, days: int | None = 90) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    period = f"{days}d-" if days is not None else ""
    expected = f'attachment; filename="onevoice-{report}-{period}{today}.csv"'
    assert response["Content-Disposition"] == expected


@pytest.mark.parametrize("start", DANGEROUS_STARTS)
@pytest.mark.parametrize("spaces", ["", " ", "   "])
def test_cells_starting_a_formula_are_prefixed_with_a_quote(start, spaces):
    value = f"{spaces}{start}1+1"
    assert neutralise(value) == f"'{value}"


@pytest.mark.parametrize(
    "value", ["Payback deck", "Deck - v2", "a=b", "2026-11-23", "", "'=quoted already"]
)
def test_ordinary_text_is_left_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize(
    "value",
    [
        '"=1+1',
        '  "=HYPERLINK(""http://example.com"")',
        '""+1+1',
        "＝1+1",
        "＋1+1",
        "－1+1",
        "＠SUM(A1)",
        "\t＝1+1",
        " \r=1+1",
        "\u3000＝1+1",
        "\u00a0=1+1",
        "\u200b=1+1",
        "\ufeff@SUM(A1)",
        "“=1+1",
    ],
)
def test_formulas_behind_a_quote_blanks_or_in_fullwidth_are_prefixed(value):
    assert neutralise(value) == f"'{value}"


@pytest.mark.parametrize("value", ['"Quoted" title', "Ｑ4 deck", "'=already text", "ok ="])
def test_quotes_and_fullwidth_letters_alone_are_left_alone(value):
    assert neutralise(value) == value


def test_numbers_are_left_alone():
    assert neutralise(-3) == -3
    assert neutralise(2.5) == 2.5


def test_long_exports_keep_every_row_in_order():
    out = io.StringIO()
    write_csv(out, ["n"], ([n] for n in range(2 * CHUNK_ROWS + 1)))
    assert out.getvalue().split("\r\n") == ['"n"', *[f'"{n}"' for n in range(1001)], ""]


def test_an_export_of_whole_chunks_to_a_command_ends_without_a_blank_line():
    out = io.StringIO()
    write_csv(OutputWrapper(out), ["n"], ([n] for n in range(CHUNK_ROWS)))
    assert out.getvalue().endswith(f'"{CHUNK_ROWS - 1}"\r\n')


def test_unused_csv_has_the_rows_of_the_page_in_its_order(world, manager_client):
    params = {"days": 30, "sort": "title"}
    page = manager_client.get(reverse("collateral:audit_unused"), params)
    export = manager_client.get(reverse("collateral:audit_unused_csv"), params)
    assert_is_attachment(export, "unused", 30)
    header, *rows = read_csv(export)
    assert header == [
        "Asset",
        "Type",
        "Owner",
        "Personas",
        "Stages",
        "Published",
        "Age (days)",
        "Last use",
        "Never used",
        "Review by",
    ]
    assert [row[0] for row in rows] == [asset.title for asset in page.context["page_obj"]]
    assert [row[0] for row in rows] == world.titles("C", "B", "H", "E")
    ivan_whitepaper = rows[0]
    # Mapped to Draft Dora too: a draft persona's name stays inside Marketing.
    assert ivan_whitepaper[1:5] == ["Whitepaper", "Marketer", "Integration Ivan", "Consideration"]
    assert "Draft Dora" not in page.content.decode()
    assert ivan_whitepaper[6:] == ["400", "", "yes", ""]


def test_a_review_date_set_from_the_unused_report_shows_on_it(world, manager_client):
    from datetime import date

    Asset.objects.filter(pk=world.assets["C"].pk).update(review_by=date(2027, 3, 1))
    page = manager_client.get(reverse("collateral:audit_unused")).content.decode()
    assert 'Review by <time datetime="2027-03-01">1 Mar 2027</time>' in page
    rows = read_csv(manager_client.get(reverse("collateral:audit_unused_csv")))
    assert rows[1][0] == world.assets["C"].title
    assert rows[1][-1] == "2027-03-01"


def test_unused_csv_exports_every_row_not_just_the_first_page(world, manager_client):
    for number in range(55):
        make_asset(f"Filler {number:02}", "other", None, status="published")
    Asset.objects.filter(title__startswith="Filler").update(
        created_at=world.assets["C"].created_at
    )
    page = manager_client.get(reverse("collateral:audit_unused"))
    export = manager_client.get(reverse("collateral:audit_unused_csv"))
    assert len(page.context["page_obj"].object_list) == 50
    assert len(read_csv(export)) == 1 + 57


def test_usage_csv_tables_match_the_page(world, manager_client):
    page = manager_client.get(reverse("collateral:audit_usage"))
    url = reverse("collateral:audit_usage_csv")
    for key, label, count_label, rows in page.context["breakdowns"]:
        export = manager_client.get(url, {"table": key})
        assert_is_attachment(export, f"usage-{key}")
        header, *lines = read_csv(export)
        assert header == [label, "Downloads", count_label]
        assert lines == [[row.label, str(row.downloads), str(row.reach)] for row in rows]
    assert [count_label for _, _, count_label, _ in page.context["breakdowns"]] == [
        "Assets used",
        "Assets used",
        "Assets used",
        "People",
    ]
    weeks = read_csv(manager_client.get(url, {"table": "weeks"}))
    assert weeks[0] == ["Week starting", "Downloads"]
    assert weeks[1:] == [
        [monday.isoformat(), str(downloads)] for monday, downloads in page.context["weeks"]
    ]
    assets = read_csv(manager_client.get(url, {"table": "assets", "sort": "-downloads"}))
    assert assets[1] == ["Payback calculator", "Deck", "4", "2", assets[1][4]]
    assert len(assets) == 1 + 7


def test_usage_csv_with_an_unknown_table_falls_back_to_assets(world, manager_client):
    export = manager_client.get(reverse("collateral:audit_usage_csv"), {"table": "nope"})
    assert_is_attachment(export, "usage-assets")


def test_coverage_csv_has_one_row_per_cell(world, manager_client):
    export = manager_client.get(reverse("collateral:audit_coverage_csv"))
    assert_is_attachment(export, "coverage")
    header, *rows = read_csv(export)
    assert header == ["Persona", "Stage", "Assets", "Downloads", "State"]
    assert len(rows) == 3 * 4
    assert rows[3] == ["Finance Fiona", "Onboarding & expansion", "0", "0", "Gap: no assets"]
    assert rows[1] == ["Finance Fiona", "Consideration", "1", "0", "Dead weight: not used"]


def test_stale_csv_matches_the_page(world, manager_client):
    page = manager_client.get(reverse("collateral:audit_stale"))
    export = manager_client.get(reverse("collateral:audit_stale_csv"))
    assert_is_attachment(export, "stale", days=None)  # staleness has no period
    header, *rows = read_csv(export)
    assert header[3] == "Why"
    assert [row[0] for row in rows] == [asset.title for asset, _ in page.context["rows"]]
    assert (
        rows[0][3] == "Past its review date; Not on the current positioning (possibly off-message)"
    )
    low = rows[2]
    assert low[7:] == ["2.0", "2"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
@pytest.mark.parametrize("spaces", ["", "  "])
def test_exports_neutralise_formulas_in_titles(world, manager_client, start, spaces):
    title = f'{spaces}{start}HYPERLINK("http://example.com")'
    Asset.objects.filter(pk=world.assets["C"].pk).update(title=title)
    export = manager_client.get(reverse("collateral:audit_unused_csv"), {"show": "never"})
    (row,) = read_csv(export)[1:]
    assert row[0] == f"'{title}"
    # The page shows the original text, escaped but unchanged.
    body = manager_client.get(reverse("collateral:audit_unused"), {"show": "never"})
    assert f">{escape(title)}</a>" in body.content.decode()


def test_exports_neutralise_formulas_in_owner_and_persona_names(world, manager_client):
    owner = world.assets["C"].owner
    owner.first_name, owner.last_name = "=cmd|' /C calc'!A0", ""
    owner.save(update_fields=["first_name", "last_name"])
    Persona.objects.filter(pk=world.personas["ivan"].pk).update(name="@SUM(A1)")
    export = manager_client.get(reverse("collateral:audit_unused_csv"), {"show": "never"})
    (row,) = read_csv(export)[1:]
    assert row[2] == "'=cmd|' /C calc'!A0"
    assert row[3] == "'@SUM(A1)"
    stale = read_csv(manager_client.get(reverse("collateral:audit_stale_csv")))
    assert "'=cmd|' /C calc'!A0" in [line[2] for line in stale]
    cells = read_csv(manager_client.get(reverse("collateral:audit_coverage_csv")))
    assert ["'@SUM(A1)", "Awareness", "0", "0", "Gap: no assets"] in cells


@pytest.mark.parametrize("title", ['"=1+1', "＝1+1", "\t＋1", ' "@SUM(A1)'])
def test_exports_neutralise_quoted_and_fullwidth_formulas(world, manager_client, title):
    Asset.objects.filter(pk=world.assets["C"].pk).update(title=title)
    export = manager_client.get(reverse("collateral:audit_unused_csv"), {"show": "never"})
    (row,) = read_csv(export)[1:]
    assert row[0] == f"'{title}"


def test_every_cell_is_quoted(world, manager_client):
    export = manager_client.get(reverse("collateral:audit_stale_csv"))
    first_line = export.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith('"Asset","Type","Owner"')


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [("Monica", "Stone", "Monica Stone"), ("", "Stone", "Stone"), ("", "", "username")],
)
def test_exports_name_the_owner_by_full_name_or_else_username(
    world, manager_client, first, last, shown
):
    owner = world.assets["C"].owner
    owner.first_name, owner.last_name = first, last
    owner.save(update_fields=["first_name", "last_name"])
    shown = owner.username if shown == "username" else shown
    unused = read_csv(
        manager_client.get(reverse("collateral:audit_unused_csv"), {"show": "never"})
    )
    assert unused[1][2] == shown
    stale = read_csv(manager_client.get(reverse("collateral:audit_stale_csv")))
    assert {row[0]: row[2] for row in stale[1:]}[world.assets["C"].title] == shown


def test_exports_leave_the_owner_empty_once_the_owner_is_deleted(world, manager_client):
    Asset.objects.filter(pk=world.assets["C"].pk).update(owner=None)
    unused = read_csv(
        manager_client.get(reverse("collateral:audit_unused_csv"), {"show": "never"})
    )
    assert unused[1][2] == ""
    stale = read_csv(manager_client.get(reverse("collateral:audit_stale_csv")))
    assert {row[0]: row[2] for row in stale[1:]}[world.assets["C"].title] == ""


def test_stale_csv_rounds_the_rating_as_the_page_does(world, manager_client):
    from collateral.models import Feedback

    low = Asset.objects.get(feedback__rating=2, feedback__user=world.users["rep2"])
    Feedback.objects.filter(asset=low).update(rating=1)
    Feedback.objects.create(asset=low, user=world.users["lead"], rating=1)
    Feedback.objects.create(asset=low, user=world.users["manager"], rating=2)  # 1.25 on average
    page = manager_client.get(reverse("collateral:audit_stale")).content.decode()
    assert "1.3 <span" in page
    rows = read_csv(manager_client.get(reverse("collateral:audit_stale_csv")))
    row = next(row for row in rows if row[0] == low.title)
    assert row[7:] == ["1.3", "4"]  # round() would have said 1.2
