"""The coverage matrix: published personas × buying stages.

Each cell holds the number of published assets mapped to both, and their use downloads in
the period. An asset mapped to no persona fits every persona, so it counts in every row. An
empty cell is a gap (nothing to give that buyer at that moment); a cell whose assets nobody
used in the period is dead weight, unless all of them are still in their grace period (new
material nobody has had a fair chance to use yet).
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from collateral.audit.filters import ReportFilters
from collateral.audit.queries import audited_assets, past_grace
from collateral.audit.rollup import UseCounts
from collateral.models import Asset, BuyingStage
from personas.models import Persona

GAP = "gap"
DEAD = "dead"
NEW = "new"
USED = "used"

STATE_LABELS = {
    GAP: "Gap: no assets",
    DEAD: "Dead weight: not used",
    NEW: "New: in its grace period",
    USED: "Used",
}


@dataclass(frozen=True)
class Cell:
    persona: Persona
    stage: BuyingStage
    assets: int
    downloads: int
    url: str
    # Assets of the cell past their grace period: only these can make it dead weight.
    judged: int = 0

    @property
    def state(self) -> str:
        if self.assets == 0:
            return GAP
        if self.downloads:
            return USED
        return DEAD if self.judged else NEW

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


@dataclass
class Tally:
    """One cell's numbers while they are being added up."""

    assets: int = 0
    downloads: int = 0
    judged: int = 0


def cell_counts(filters: ReportFilters, persona_ids: list[int]) -> dict[tuple[int, int], Tally]:
    """{(persona id, stage id): counts}, from a few queries.

    Downloads are counted once per asset in SQL (the daily roll-up's whole days plus the
    period's other use rows, each grouped by asset);
    the small asset → persona and asset → stage mappings then spread each asset's count over
    its cells (an asset with no persona over every persona in `persona_ids`). Joining the
    download rows to both M2M tables instead would multiply a million rows by every
    persona × stage pair of their asset before counting them.
    """
    assets = filters.apply(audited_assets()).values("pk")
    period = filters.period
    downloads = UseCounts(assets).per_asset(period.start, period.end)
    # Few: only material published within the grace period.
    in_grace = set(
        filters.apply(audited_assets())
        .exclude(past_grace(filters.period))
        .values_list("pk", flat=True)
    )
    personas = defaultdict(list)
    for asset_id, persona_id in Asset.personas.through.objects.filter(
        asset__in=assets
    ).values_list("asset_id", "persona_id"):
        personas[asset_id].append(persona_id)
    cells: dict[tuple[int, int], Tally] = defaultdict(Tally)
    for asset_id, stage_id in Asset.stages.through.objects.filter(asset__in=assets).values_list(
        "asset_id", "buyingstage_id"
    ):
        for persona_id in personas.get(asset_id, persona_ids):
            cell = cells[persona_id, stage_id]
            cell.assets += 1
            cell.downloads += downloads.get(asset_id, 0)
            cell.judged += asset_id not in in_grace
    return cells


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
    stages = list(BuyingStage.objects.all())
    personas = list(Persona.objects.published().order_by("name"))
    counts = cell_counts(filters, [persona.pk for persona in personas])
    rows = []
    for persona in personas:
        cells = []
        for stage in stages:
            count = counts.get((persona.pk, stage.pk), Tally())
            url = library_url(persona, stage, filters.asset_type)
            cells.append(Cell(persona, stage, count.assets, count.downloads, url, count.judged))
        rows.append((persona, cells))
    return Matrix(stages=stages, rows=rows)


def csv_rows(matrix: Matrix) -> tuple[list[str], list[list]]:
    header = ["Persona", "Stage", "Assets", "Downloads", "State"]
    rows = [
        [cell.persona.name, cell.stage.name, cell.assets, cell.downloads, cell.state_label]
        for cell in matrix.cells
    ]
    return header, rows
