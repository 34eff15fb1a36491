"""The home page's "what is for me" sections, per role (issue #16.2).

Every list shows its first HOME_LIST items and links to the page holding all of them. The
number of queries does not depend on the data: each list is one query for its first items
and one for its total, so the test can pin the count per role.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import Truncator

from collateral.audit import coverage as coverage_report
from collateral.audit import stale as stale_report
from collateral.audit import unused as unused_report
from collateral.audit.filters import ReportFilters
from collateral.audit.period import DEFAULT_DAYS, Period
from collateral.audit.summary import summarise
from collateral.models import Asset, ContentRequest, Feedback
from collateral.notices import outdated_for
from messaging import feed
from personas import roles
from personas.models import Persona
from personas.people import Profile

HOME_LIST = 5
LOW_RATING = 2


@dataclass
class Entry:
    """One line of a list: what, where it goes, and a short detail."""

    title: str
    url: str
    meta: str = ""
    flag: str = ""


@dataclass
class Section:
    """A titled list: the first items, their total and where all of them are."""

    key: str
    title: str
    entries: list = field(default_factory=list)
    total: int = 0
    all_url: str = ""
    empty: str = ""
    template: str = "home/_list.html"


def _bounded(queryset: QuerySet) -> tuple[list, int]:
    """The first HOME_LIST rows and the total, whatever the data: one query, the total read
    from COUNT(*) OVER () on the rows themselves (a second query costs a plan and a round
    trip for the same rows: 8 ms of the outdated copies' 29 ms on the bench data). A UNION
    (the messaging feeds) cannot carry a window, and a window counts the rows before
    DISTINCT, so those are counted apart."""
    if queryset.query.combinator or queryset.query.distinct:
        return list(queryset[:HOME_LIST]), queryset.count()
    rows = list(queryset.annotate(home_total=Window(Count("*")))[:HOME_LIST])
    if not rows:
        return rows, 0
    first = rows[0]
    return rows, first["home_total"] if isinstance(first, dict) else first.home_total


def _short(text: str, length: int = 80) -> str:
    """At most `length` characters, with "…" when cut (a cut sentence must look cut)."""
    return Truncator(text).chars(length)


def _date(moment) -> str:
    if isinstance(moment, datetime):
        moment = timezone.localdate(moment)
    return f"{moment:%-d %b %Y}" if moment else ""


# --- Sales ----------------------------------------------------------------------------------


def outdated_section(user) -> Section:
    assets, total = _bounded(outdated_for(user))
    return Section(
        "outdated",
        "Your outdated copies",
        assets,
        total,
        reverse("collateral:outdated"),
        "Every copy you downloaded is the current version.",
        template="collateral/_outdated_list.html",
    )


def new_material_section(profile: Profile, persona_ids: list[int]) -> Section:
    since = profile.new_since()
    assets, total = _bounded(Asset.objects.new_or_updated_since(since, persona_ids))
    entries = [
        Entry(
            asset.title,
            asset.get_absolute_url(),
            f"{asset.get_asset_type_display()} · {_date(asset.news_at)}",
            "updated" if asset.is_update else "new",
        )
        for asset in assets
    ]
    mine = "your personas" if persona_ids else "every persona"
    return Section(
        "new_material",
        f"New and updated material for {mine}",
        entries,
        total,
        f"{reverse('collateral:whats_new')}",
        f"Nothing new for {mine} since your last visit.",
    )


def approved_messaging_section(user, profile: Profile, persona_ids: list[int]) -> Section:
    rows, total = _bounded(feed.approved_since(user, profile.new_since(), persona_ids))
    entries = [
        Entry(item.label, item.get_absolute_url(), f"{item.kind_label} · {_date(item.at)}")
        for item in feed.items(rows)
    ]
    return Section(
        "approved_messaging",
        "Newly approved messaging",
        entries,
        total,
        reverse("messaging:newly_approved"),
        "No messaging was approved since your last visit.",
    )


def waiting_section(user, side: str = "") -> Section:
    """Versions waiting for a signature `user` may give, for one side or (no side) both."""
    rows, total = _bounded(feed.waiting_for(user))
    entries = [
        Entry(
            item.label,
            item.get_absolute_url(),
            f"{item.kind_label} · waiting since {_date(item.at)}",
        )
        for item in feed.items(rows)
    ]
    return Section(
        f"waiting_{side.lower()}" if side else "waiting",
        f"Sign-offs waiting for {side or 'you'}",
        entries,
        total,
        reverse("messaging:review"),
        f"Nothing waits for a {side} sign-off from you." if side else "Nothing waits for you.",
    )


def my_requests_section(user) -> Section:
    """Open and planned requests, and those fulfilled lately, with Marketing's reply."""
    recent = ContentRequest.objects.recently_fulfilled_for(user).values("pk")
    requests = ContentRequest.objects.of_user(user).filter(
        Q(status__in=[ContentRequest.Status.OPEN, ContentRequest.Status.PLANNED])
        | Q(pk__in=recent)
    )
    rows, total = _bounded(requests.order_by("-updated_at", "-pk"))
    entries = []
    for item in rows:
        answer = item.published_answer if item.status == ContentRequest.Status.DONE else None
        shown = answer is not None
        meta = f"{item.get_status_display()} · asked {_date(item.created_at)}"
        if item.response:
            meta += f" · Marketing: {_short(item.response, 100)}"
        entries.append(
            Entry(
                answer.title if shown else _short(item.description),
                answer.get_absolute_url() if shown else reverse("collateral:requests_mine"),
                meta,
                "ready" if shown else "",
            )
        )
    return Section(
        "my_requests",
        "Your requests",
        entries,
        total,
        reverse("collateral:requests_mine"),
        "You have no open requests. Missing something? Ask Marketing from the library.",
    )


# --- Marketing ------------------------------------------------------------------------------


def open_requests_section() -> Section:
    rows, total = _bounded(ContentRequest.objects.queue())
    entries = [
        Entry(
            _short(item.description),
            reverse("collateral:request_respond", args=[item.pk]),
            f"{item.get_status_display()} · asked {_date(item.created_at)} by "
            f"{item.requester.get_full_name() or item.requester.get_username()}",
        )
        for item in rows
    ]
    title = "Open requests from sales"
    if rows:
        title += f" (oldest from {_date(rows[0].created_at)})"
    return Section(
        "open_requests",
        title,
        entries,
        total,
        reverse("collateral:request_queue"),
        "No open requests.",
    )


def _assets_then_personas(assets, personas, asset_entry, persona_entry) -> tuple[list, int]:
    """One list from two bounded queries: the assets first, then the personas."""
    asset_rows, asset_total = _bounded(assets)
    persona_rows, persona_total = _bounded(personas)
    entries = [asset_entry(a) for a in asset_rows] + [persona_entry(p) for p in persona_rows]
    return entries[:HOME_LIST], asset_total + persona_total


def _reviewed(persona: Persona) -> str:
    if persona.reviewed_at is None:
        return "Persona · never reviewed"
    return f"Persona · reviewed {_date(persona.reviewed_at)}"


def review_due_section(user) -> Section:
    """Assets and personas `user` owns whose review date has passed (assets first)."""
    entries, total = _assets_then_personas(
        Asset.objects.due_for_review_owned_by(user),
        Persona.objects.due_for_review_owned_by(user),
        lambda a: Entry(a.title, a.get_absolute_url(), f"Asset · review by {_date(a.review_by)}"),
        lambda p: Entry(p.name, p.get_absolute_url(), _reviewed(p)),
    )
    return Section(
        "review_due",
        "Your material due for review",
        entries,
        total,
        f"{reverse('collateral:audit_stale')}?reason=review",
        "Nothing of yours is past its review date.",
    )


def low_ratings_section(user) -> Section:
    ratings = Feedback.objects.on_assets_owned_by(user).filter(rating__lte=LOW_RATING)
    rows, total = _bounded(ratings)
    entries = [
        Entry(
            item.asset.title,
            f"{item.asset.get_absolute_url()}#feedback",
            f"{item.rating}/5 · {_short(item.comment)}" if item.comment else f"{item.rating}/5",
        )
        for item in rows
    ]
    return Section(
        "low_ratings",
        f"Recent ratings of {LOW_RATING} stars or less on your assets",
        entries,
        total,
        reverse("collateral:request_queue"),
        "No low ratings on your assets.",
    )


def drafts_section(user) -> Section:
    entries, total = _assets_then_personas(
        Asset.objects.filter(owner=user, status=Asset.Status.DRAFT).order_by("-updated_at"),
        Persona.objects.filter(owner=user, status=Persona.Status.DRAFT).order_by("-updated_at"),
        lambda a: Entry(a.title, a.get_absolute_url(), f"Asset · changed {_date(a.updated_at)}"),
        lambda p: Entry(
            p.name,
            reverse("personas:preview", args=[p.slug]),
            f"Persona · changed {_date(p.updated_at)}",
        ),
    )
    return Section(
        "drafts",
        "Your drafts",
        entries,
        total,
        f"{reverse('collateral:library')}?"
        + urlencode({"status": "draft", "owner": user.get_username()}),
        "You have no drafts.",
    )


# --- Managers -------------------------------------------------------------------------------


@dataclass
class AuditGlance:
    """The manager's numbers, each linking to its report."""

    summary: object
    top_unused: list
    gaps: int
    stale: int
    days: int
    template: str = "home/_audit.html"
    key: str = "audit"


def audit_glance() -> AuditGlance:
    filters = ReportFilters(period=Period.last(DEFAULT_DAYS))
    sort = unused_report.SORTING.state("")
    top_unused = list(
        unused_report.unused_assets(filters, sort).prefetch_related(None)[:HOME_LIST]
    )
    matrix = coverage_report.coverage(filters)
    return AuditGlance(
        summary=summarise(filters.period),
        top_unused=top_unused,
        gaps=matrix.count(coverage_report.GAP),
        stale=stale_report.stale_assets(filters, stale_report.SORTING.state("")).count(),
        days=DEFAULT_DAYS,
    )


# --- The page -------------------------------------------------------------------------------


def _waiting(user) -> Section | None:
    """One list of the sign-offs `user` may give, named after their side (both: "you")."""
    sales, marketing = roles.can_sign_for_sales(user), roles.can_sign_for_marketing(user)
    if not (sales or marketing):
        return None
    return waiting_section(user, "" if sales and marketing else "Sales" if sales else "Marketing")


def sections_for(user, profile: Profile) -> list[tuple[str, list]]:
    """[(role heading, sections)] for what `user` may do, in a fixed order.

    Capabilities decide, not group names (README: the admin's checkboxes are the truth):
    whoever may ask for material or sign for Sales (Sales and Managers, DESIGN §1) prepares
    calls, Marketing has its to-dos, and everyone else with a role is still told of their
    outdated copies and of the sign-offs they may give (as the digest tells them).
    """
    groups = []
    calls = roles.can_request_material(user) or roles.can_sign_for_sales(user)
    edits = roles.can_edit(user)
    waiting = _waiting(user)
    if calls:
        persona_ids = [persona.pk for persona in profile.personas.all()] if profile.pk else []
        sections = [
            outdated_section(user),
            new_material_section(profile, persona_ids),
            approved_messaging_section(user, profile, persona_ids),
        ]
        if waiting and not edits:
            sections.append(waiting)
        sections.append(my_requests_section(user))
        groups.append(("For your calls", sections))
    if edits:
        sections = [open_requests_section()]
        if waiting:
            sections.append(waiting)
        sections += [review_due_section(user), low_ratings_section(user), drafts_section(user)]
        if not calls:
            # Marketing downloads too; a colleague's new version makes their copy outdated.
            sections.append(outdated_section(user))
        groups.append(("Marketing to-dos", sections))
    if not (calls or edits):
        # Someone given single permissions (view the audit, sign for Marketing) downloads too.
        groups.append(("For you", [outdated_section(user), *([waiting] if waiting else [])]))
    # Marketing may read the reports about its own material; the glance is for the auditors.
    if roles.can_view_audit(user) and (roles.can_audit(user) or not edits):
        groups.append(("The library at a glance", [audit_glance()]))
    return groups
