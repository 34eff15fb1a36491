"""The stale report: published assets past their review date, written against a positioning
that is not the approved one (possibly off-message), whose current file holds retired wording
(off-message wording, found by the drift check), or rated 2 or less on average."""

from functools import reduce
from operator import or_

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.template.defaultfilters import floatformat

from collateral.audit.export import OWNER_NAME_FIELDS, full_name, local_date, type_label
from collateral.audit.filters import ReportFilters
from collateral.audit.queries import audited_assets, owner_name
from collateral.audit.sorting import Column, Sorting, SortState
from collateral.models import Asset, Feedback, WordingHit
from messaging.models import Positioning
from messaging.models import Status as MessagingStatus

LOW_RATING = 2

REASONS = {
    "review": "Past its review date",
    "positioning": "Not on the current positioning (possibly off-message)",
    "rating": f"Rated {LOW_RATING} or less",
    "wording": "Off-message wording",
}

SORTING = Sorting(
    [
        Column("title", "Asset", "title", fold_case=True),
        Column("owner", "Owner", "owner_name", empty_last=True),
        Column("reasons", "Why"),
        Column("review_by", "Review by", "review_by", empty_last=True),
        Column("positioning", "Positioning", "written_against", empty_last=True),
        Column("rating", "Rating", "average_rating", empty_last=True),
    ],
    default="review_by",
)


def _boolean(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def stale_assets(filters: ReportFilters, sort: SortState, reason: str = "") -> QuerySet[Asset]:
    """The rows of the report with a flag per reason (one query).

    Ratings and the current positioning are correlated subqueries, so there is no GROUP BY
    and no join fan-out. A NULL comparison (no review date, no positioning recorded, no
    ratings) is not a reason: the flag is only true when the data says so.
    """
    ratings = Feedback.objects.filter(asset=OuterRef("pk")).order_by().values("asset")
    current = Positioning.objects.approved().order_by("-version").values("version")[:1]
    assets = filters.apply(audited_assets()).annotate(
        owner_name=owner_name(),
        average_rating=Subquery(ratings.annotate(value=Avg("rating")).values("value")),
        number_of_ratings=Subquery(ratings.annotate(value=Count("pk")).values("value")),
        current_positioning=Subquery(current),
        written_against=F("positioning__version"),
        past_review=_boolean(Q(review_by__lt=filters.period.today)),
        # Flagged only while the version it follows is not the approved one (issue #17), and
        # only when there is an approved one to move to; re-tagging clears it.
        off_message=_boolean(
            Q(positioning__isnull=False, current_positioning__isnull=False)
            & ~Q(positioning__status=MessagingStatus.APPROVED)
        ),
        low_rating=_boolean(Q(average_rating__lte=LOW_RATING)),
        # The drift check found approved retired wording in the current file.
        off_wording=Exists(WordingHit.objects.filter(version_id=OuterRef("current_version_id"))),
    )
    flags = {
        "review": Q(past_review=True),
        "positioning": Q(off_message=True),
        "rating": Q(low_rating=True),
        "wording": Q(off_wording=True),
    }
    if reason in flags:
        assets = assets.filter(flags[reason])
    else:
        assets = assets.filter(reduce(or_, flags.values()))
    return assets.select_related("owner").order_by(*sort.order_by())


# The annotation (stale_assets) that flags each reason.
FLAGS = {
    "review": "past_review",
    "positioning": "off_message",
    "rating": "low_rating",
    "wording": "off_wording",
}
FLAG_FIELDS = tuple(FLAGS.values())


def reasons(asset) -> list[str]:
    """The reasons that apply to one row (an asset or a named values row), in a fixed order."""
    return [REASONS[key] for key, flag in FLAGS.items() if getattr(asset, flag)]


def csv_rows(assets: QuerySet[Asset]) -> tuple[list[str], list[list]]:
    header = [
        "Asset",
        "Type",
        "Owner",
        "Why",
        "Review by",
        "Positioning version",
        "Current positioning version",
        "Average rating",
        "Ratings",
    ]
    fields = ("title", "asset_type", *OWNER_NAME_FIELDS, *FLAG_FIELDS, "review_by")
    fields += ("written_against", "current_positioning", "average_rating", "number_of_ratings")
    rows = [
        [
            asset.title,
            type_label(asset.asset_type),
            full_name(asset.owner__first_name, asset.owner__last_name, asset.owner__username),
            "; ".join(reasons(asset)),
            local_date(asset.review_by),
            asset.written_against or "",
            asset.current_positioning or "",
            # As the page rounds it (half up: 2.25 is 2.3), not round()'s half to even.
            floatformat(asset.average_rating, 1) if asset.average_rating is not None else "",
            asset.number_of_ratings or 0,
        ]
        for asset in assets.values_list(*fields, named=True)
    ]
    return header, rows
