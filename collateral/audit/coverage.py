"""The coverage matrix: published personas × buying stages.

Each cell holds the number of published assets mapped to both, and their use downloads in
the period. An empty cell is a gap (nothing to give that buyer at that moment); a cell whose
assets nobody used in the period is dead weight.
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from collateral.audit.filters import ReportFilters
from collateral.audit.queries import audited_assets, period_uses_of
from collateral.models import Asset, BuyingStage
from personas.models import Persona

GAP = "gap"
DEAD = "dead"
USED = "used"

STATE_LABELS = {GAP: "Gap: no assets", DEAD: "Dead weight: not used", USED: "Used"}


@dataclass(frozen=True)
class Cell:
    persona: Persona
    stage: BuyingStage
    assets: int
    downloads: int
    url: str

    @property
    def state(self) -> str:
        if self.assets == 0:
            return GAP
        return USED if self.downloads else DEAD

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Matrix:
    stages: list[BuyingStage]
    rows: list[tuple[Persona, list[Cell]]]

    @property
    def cells(self) -> list[Cell]:
        return [cell for _, cells in self.rows for cell in cells]

    def count(self, state: str) -> int:
        return sum(1 for cell in self.cells if cell.state == state)


def cell_counts(filters: ReportFilters) -> dict[tuple[int, int], tuple[int, int]]:
    """{(persona id, stage id): (assets, use downloads in the period)}, from three queries.

    Downloads are counted once per asset in SQL (GROUP BY asset over the period's use rows);
    the small asset → persona and asset → stage mappings then spread each asset's count over
    its cells. Joining the download rows to both M2M tables instead would multiply a million
    rows by every persona × stage pair of their asset before counting them.
    """
    assets = filters.apply(audited_assets()).values("pk")
    downloads = dict(
        period_uses_of(assets, filters.period)
        .values("asset")
        .annotate(count=Count("*"))
        .values_list("asset", "count")
        .order_by()
    )
    personas = defaultdict(list)
    for asset_id, persona_id in Asset.personas.through.objects.filter(
        asset__in=assets
    ).values_list("asset_id", "persona_id"):
        personas[asset_id].append(persona_id)
    cells: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for asset_id, stage_id in Asset.stages.through.objects.filter(asset__in=assets).values_list(
        "asset_id", "buyingstage_id"
    ):
        for persona_id in personas[asset_id]:
            cell = cells[persona_id, stage_id]
            cell[0] += 1
            cell[1] += downloads.get(asset_id, 0)
    return {key: (count, used) for key, (count, used) in cells.items()}


def library_url(persona: Persona, stage: BuyingStage, asset_type: str = "") -> str:
    """The library filtered to one cell (the shared URL contract with the library).

    `status=published` makes a marketer's library (which shows every status) count what the
    cell counts; for everyone else the library shows published assets only and ignores it.
    """
    params = {"persona": persona.slug, "stage": stage.slug, "status": "published"}
    if asset_type:
        params["type"] = asset_type
    return f"{reverse('collateral:library')}?{urlencode(params)}"


def coverage(filters: ReportFilters) -> Matrix:
    counts = cell_counts(filters)
    stages = list(BuyingStage.objects.all())
    personas = list(Persona.objects.published().order_by("name"))
    rows = []
    for persona in personas:
        cells = []
        for stage in stages:
            assets, downloads = counts.get((persona.pk, stage.pk), (0, 0))
            url = library_url(persona, stage, filters.asset_type)
            cells.append(Cell(persona, stage, assets, downloads, url))
        rows.append((persona, cells))
    return Matrix(stages=stages, rows=rows)


def csv_rows(matrix: Matrix) -> tuple[list[str], list[list]]:
    header = ["Persona", "Stage", "Assets", "Downloads", "State"]
    rows = [
        [cell.persona.name, cell.stage.name, cell.assets, cell.downloads, cell.state_label]
        for cell in matrix.cells
    ]
    return header, rows
