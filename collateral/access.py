"""Who may see and do what in the collateral library: the one place views ask.

Objects a user may not see are 404 (a rep never learns a draft exists); actions they may not
take are 403. Role facts (can_edit, can_give_feedback, require_editor, …) come from
personas.roles.
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404

from collateral.models import Asset, AssetVersion
from personas import roles


def may_see_downloads_of(user, person_id: int) -> bool:
    """A named person's download history (DESIGN §5a): their own, and anyone's for Managers.
    Never for Sales or Marketing about someone else."""
    return user.pk == person_id or roles.can_audit(user)


def require_retirer(user) -> None:
    if not roles.can_retire(user):
        raise PermissionDenied


def get_visible_asset(user, uuid: UUID, queryset=None) -> Asset:
    """The asset if `user` may see it (reps: published only), else 404."""
    queryset = Asset.objects.all() if queryset is None else queryset
    try:
        return queryset.visible_to(user).get(uuid=uuid)
    except Asset.DoesNotExist:
        raise Http404("No such asset.") from None


def get_current_download(user, uuid: UUID) -> tuple[Asset, AssetVersion]:
    """The asset and its current version in ONE query, if `user` may download it.

    The permission question is part of the query: for a non-marketer the row exists only when
    the asset is published. Used by the download and preview views (checklist C13).
    """
    asset = (
        Asset.objects.visible_to(user)
        .select_related("current_version")
        .filter(uuid=uuid, current_version__isnull=False)
        .first()
    )
    if asset is None:
        raise Http404("No such asset.")
    return asset, asset.current_version


def get_version_download(user, uuid: UUID, number: int) -> tuple[Asset, AssetVersion]:
    """A specific version with its asset in ONE query. Marketing: any version of any asset.

    Everyone else: only the current version of a published asset; older versions are 404 so a
    rep never sends a buyer an outdated file.
    """
    versions = AssetVersion.objects.select_related("asset").filter(asset__uuid=uuid, number=number)
    if not roles.can_edit(user):
        versions = versions.filter(
            asset__status=Asset.Status.PUBLISHED, asset__current_version=F("pk")
        )
    version = versions.first()
    if version is None:
        raise Http404("No such version.")
    return version.asset, version
