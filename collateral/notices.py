"""“Your copy is outdated”: who holds an old copy of what, computed from Download rows.

No notice row is written when a file is downloaded or a version uploaded: the tracked
download (the hot path, DESIGN §5) stays one INSERT and one UPDATE. A person has an outdated
copy of an asset when they downloaded some version of it, never downloaded its current
version, and did not dismiss the notice for that current version ("got it"). Whoever uploaded
the current version is not told about it. A retired asset is withdrawn for everyone who ever
downloaded it, until they dismiss that notice (a "got it" from before the retirement does not
count). Downloading the current version clears the notice by itself. The queries start from
the person's own downloads and are answered by the index download_user_asset_ver_idx, so
they do not grow with other people's rows.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone


class OutdatedDismissal(models.Model):
    """A person said "got it" to the notice about one version being current (or withdrawn).

    Per person and version: when yet another version comes out, the notice comes back.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        "collateral.AssetVersion", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            # One dismissal per person and version; serves the NOT EXISTS in outdated_for().
            models.UniqueConstraint(
                fields=["user", "version"], name="outdateddismissal_user_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} dismissed {self.version}"


def outdated_for(user):
    """Assets `user` holds an outdated or withdrawn copy of, newest news first.

    Each row carries `my_version` (the highest version number they downloaded) and has its
    current version and replacement fetched.
    """
    from collateral.models import Asset, AssetVersion, Download

    mine = Download.objects.filter(user=user, asset=OuterRef("pk"))
    # The same file counts as the current one: a version that puts back an earlier file
    # (a rollback) tells nobody who holds that file their copy is outdated.
    has_current = Exists(
        mine.filter(
            Q(version=OuterRef("current_version"))
            | Q(version__sha256=OuterRef("current_version__sha256"))
        )
    )
    dismissals = OutdatedDismissal.objects.filter(user=user, version=OuterRef("current_version"))
    # "Got it, version 3 is current" is not "got it, it is withdrawn": only a dismissal made
    # since the retirement silences the withdrawal (any, when its date is unknown).
    withdrawal_dismissed = Exists(dismissals.filter(created_at__gte=OuterRef("retired_at"))) | (
        Q(retired_at__isnull=True) & Exists(dismissals)
    )
    return (
        Asset.objects.filter(
            pk__in=Download.objects.filter(user=user).values("asset"),
            current_version__isnull=False,
        )
        .filter(
            Q(status=Asset.Status.RETIRED) & ~withdrawal_dismissed
            | Q(
                Q(status=Asset.Status.PUBLISHED)
                & ~has_current
                & ~Q(current_version__in=AssetVersion.objects.filter(uploaded_by=user))
                & ~Exists(dismissals)
            )
        )
        .annotate(
            my_version=Subquery(mine.order_by("-version__number").values("version__number")[:1]),
            news_at=Coalesce("retired_at", "current_version__created_at"),
        )
        .select_related("current_version", "replaced_by")
        .order_by("-news_at", "-pk")
    )


def outdated_ids(user, assets) -> set[int]:
    """Which of `assets` (one page of the library) `user` holds an outdated copy of."""
    ids = [asset.pk for asset in assets]
    if not ids:
        return set()
    return set(outdated_for(user).filter(pk__in=ids).values_list("pk", flat=True))


def dismiss(user, version) -> None:
    """Record "got it" for `version`, now: a dismissal of the "newer version" notice that
    predates a retirement is moved forward when the withdrawal is dismissed too."""
    try:
        with transaction.atomic():
            OutdatedDismissal.objects.update_or_create(
                user=user, version=version, defaults={"created_at": timezone.now()}
            )
    except IntegrityError:
        pass  # a double click raced itself: the dismissal is there either way
