"""Audit pages and their CSV exports. Each export calls the same row function as its page,
with the same filters and sort; the page shows one page of rows, the export all of them."""

from dataclasses import replace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from collateral.audit import coverage as coverage_report
from collateral.audit import stale as stale_report
from collateral.audit import unused as unused_report
from collateral.audit import usage as usage_report
from collateral.audit.access import viewer_required
from collateral.audit.chart import weekly_chart
from collateral.audit.export import csv_response
from collateral.audit.filters import (
    CoverageFilterForm,
    ReportFilterForm,
    StaleFilterForm,
    SummaryFilterForm,
    UnusedFilterForm,
    read_filters,
)
from collateral.audit.summary import recent_actions, summarise

PAGE_SIZE = 50


def _paginate(request: HttpRequest, rows, per_page: int = PAGE_SIZE):
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


@viewer_required
@require_safe
def summary(request: HttpRequest) -> HttpResponse:
    filters, form, _ = read_filters(request, SummaryFilterForm)
    context = {
        "filters": filters,
        "form": form,
        "summary": summarise(filters.period),
        "recent_actions": recent_actions(),
    }
    return render(request, "collateral/audit/summary.html", context)


def _unused(request: HttpRequest):
    filters, form, clean = read_filters(request, UnusedFilterForm)
    sort = unused_report.SORTING.read(request)
    show = clean.get("show", "all")
    return filters, form, sort, show, unused_report.unused_assets(filters, sort, show)


@viewer_required
@require_safe
def unused(request: HttpRequest) -> HttpResponse:
    filters, form, sort, show, assets = _unused(request)
    context = {
        "filters": filters,
        "form": form,
        "headers": sort.headers(),
        "sort_value": sort.value,
        "page_obj": _paginate(request, assets),
        "show": show,
        "in_grace": unused_report.in_grace_count(filters),
        "grace_days": settings.ONEVOICE_UNUSED_GRACE_DAYS,
    }
    return render(request, "collateral/audit/unused.html", context)


@viewer_required
@require_safe
def unused_csv(request: HttpRequest) -> HttpResponse:
    filters, _, _, show, assets = _unused(request)
    header, rows = unused_report.csv_rows(assets, filters.period.end)
    name = "never-used" if show == "never" else "unused"
    return csv_response(name, filters.period.days, header, rows)


def _usage(request: HttpRequest):
    filters, form, _ = read_filters(request, ReportFilterForm)
    sort = usage_report.SORTING.read(request)
    return filters, form, sort, usage_report.Usage(filters)


@viewer_required
@require_safe
def usage(request: HttpRequest) -> HttpResponse:
    filters, form, sort, report = _usage(request)
    weeks = report.by_week()
    context = {
        "filters": filters,
        "form": form,
        "totals": report.totals,
        "weeks": weeks,
        "chart": weekly_chart(weeks),
        "breakdowns": report.breakdowns(),
        "headers": sort.headers(),
        "sort_value": sort.value,
        "page_obj": report.page_of_assets(sort, lambda rows: _paginate(request, rows)),
    }
    return render(request, "collateral/audit/usage.html", context)


@viewer_required
@require_safe
def usage_csv(request: HttpRequest) -> HttpResponse:
    """`?table=assets|weeks|personas|stages|types|teams`, as on the page (default: assets)."""
    filters, _, sort, report = _usage(request)
    table = request.GET.get("table", "assets")
    if table in usage_report.BREAKDOWNS:
        label, count_label, rows = report.breakdown(table)
        header, lines = usage_report.breakdown_csv(rows, label, count_label)
    elif table == "weeks":
        header, lines = usage_report.weeks_csv(report.by_week())
    else:
        table = "assets"
        header, lines = usage_report.assets_csv(report.sorted_assets(sort))
    return csv_response(f"usage-{table}", filters.period.days, header, lines)


def _coverage(request: HttpRequest):
    filters, form, _ = read_filters(request, CoverageFilterForm)
    filters = replace(filters, persona=None, stage=None)
    return filters, form, coverage_report.coverage(filters)


@viewer_required
@require_safe
def coverage(request: HttpRequest) -> HttpResponse:
    filters, form, matrix = _coverage(request)
    context = {
        "filters": filters,
        "form": form,
        "matrix": matrix,
        "gaps": matrix.count(coverage_report.GAP),
        "dead": matrix.count(coverage_report.DEAD),
        "new": matrix.count(coverage_report.NEW),
        "grace_days": settings.ONEVOICE_UNUSED_GRACE_DAYS,
    }
    return render(request, "collateral/audit/coverage.html", context)


@viewer_required
@require_safe
def coverage_csv(request: HttpRequest) -> HttpResponse:
    filters, _, matrix = _coverage(request)
    header, rows = coverage_report.csv_rows(matrix)
    return csv_response("coverage", filters.period.days, header, rows)


def _stale(request: HttpRequest):
    filters, form, clean = read_filters(request, StaleFilterForm)
    sort = stale_report.SORTING.read(request)
    return filters, form, sort, stale_report.stale_assets(filters, sort, clean.get("reason", ""))


@viewer_required
@require_safe
def stale(request: HttpRequest) -> HttpResponse:
    filters, form, sort, assets = _stale(request)
    page_obj = _paginate(request, assets)
    rows = [(asset, stale_report.reasons(asset)) for asset in page_obj]
    context = {
        "filters": filters,
        "form": form,
        "headers": sort.headers(),
        "sort_value": sort.value,
        "page_obj": page_obj,
        "rows": rows,
    }
    return render(request, "collateral/audit/stale.html", context)


@viewer_required
@require_safe
def stale_csv(request: HttpRequest) -> HttpResponse:
    _, _, _, assets = _stale(request)
    header, rows = stale_report.csv_rows(assets)
    return csv_response("stale", None, header, rows)  # staleness has no period
