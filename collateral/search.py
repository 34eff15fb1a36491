"""How collateral reads to search: title, persona / stage / pillar names, description and the
text inside the *current* version's file; and who may find which asset.

An old version's text is never in the index: a new version replaces the asset's document in
the upload's transaction. Who may find an asset (`Asset.objects.visible_to`) is read at query
time, so publishing, unpublishing and retiring need no index write and cannot leave a stale
entry: a rep never finds a draft or a retired asset, in a result, a snippet or a count.
"""

import re
from dataclasses import dataclass
from itertools import batched

from django.utils.safestring import SafeString

from collateral.models import Asset, VersionPage
from personas import fulltext
from personas.search import highlight

KIND = "asset"
GROUP = "collateral"

# PDFium marks a hyphen that ended a line with U+FFFE (older builds: U+0002) and drops the
# line break, so both engines read "guaran<FFFE>teed" as two words and miss "guaranteed".
BROKEN_AT_LINE_END = re.compile(r"(\w+)[\x02\ufffe](\w+)")


def document_fields(asset: Asset, pages) -> dict[str, str]:
    """Title; type, persona, stage and pillar names; description and the version's note; and
    the text of the current file's pages (in order). Only published personas are named: a
    draft persona's name stays inside Marketing (the document is re-written when a persona
    is published or leaves, see personas.services.change_status)."""
    tags = [
        asset.get_asset_type_display(),
        *(persona.name for persona in asset.personas.all() if persona.is_published),
        *(stage.name for stage in asset.stages.all()),
        *(pillar.name for pillar in asset.pillars.all()),
    ]
    version = asset.current_version
    pages = list(pages)
    return {
        "title": asset.title,
        "tags": "\n".join(tags),
        "body": "\n".join(part for part in (asset.description, version and version.note) if part),
        "extra": "\n".join([*pages, line_end_words(pages)]).strip(),
    }


def line_end_words(pages: list[str]) -> str:
    """Both readings of every word the file broke at a line end, once each: "guaranteed
    guaran-teed" (a word split in two), "zerotouch zero-touch" (a hyphenated one); nothing
    tells the two apart. The pages stay as extracted (the drift check reads the mark too)."""
    words = dict.fromkeys(
        f"{head}{tail} {head}-{tail}"
        for text in pages
        for head, tail in BROKEN_AT_LINE_END.findall(text)
    )
    return " ".join(words)


def index(asset: Asset) -> None:
    """Write the asset's document; call inside the transaction that changed it."""
    index_many([asset.pk])


def index_many(asset_ids=None) -> int:
    """Write the documents of many assets (ids, or a query of them; None: every asset), in
    chunks of 200 with one query for each chunk's pages: not five queries an asset. Returns
    how many were written."""
    assets = Asset.objects.all() if asset_ids is None else Asset.objects.filter(pk__in=asset_ids)
    assets = (
        assets.select_related("current_version")
        .prefetch_related("personas", "stages", "pillars")
        .order_by("pk")
    )
    count = 0
    for chunk in batched(assets.iterator(chunk_size=200), 200):
        pages: dict[int, list[str]] = {}
        rows = VersionPage.objects.filter(version_id__in=[a.current_version_id for a in chunk])
        for version_id, text in rows.order_by("version_id", "number").values_list(
            "version_id", "text"
        ):
            pages.setdefault(version_id, []).append(text)
        for asset in chunk:
            fields = document_fields(asset, pages.get(asset.current_version_id, []))
            fulltext.put(KIND, asset.pk, GROUP, **fields)
            count += 1
    return count


def index_all() -> int:
    return index_many()


def rebuild_all() -> dict[str, int]:
    """Every app's documents written again (reindex, demo data): safe to run any time."""
    from messaging import search as messaging_search
    from personas import search as persona_search

    return {
        "personas": persona_search.index_all(),
        "messaging": messaging_search.index_all(),
        "collateral": index_all(),
    }


def persona_renamed(persona) -> None:
    """Assets list their personas' names among their tags."""
    index_many(Asset.objects.filter(personas=persona).values_list("pk", flat=True))


def visible(user, *, persona=None, stage=None) -> dict:
    """Assets the user may see, narrowed by the library's own persona and stage filters."""
    return {KIND: Asset.objects.visible_to(user).matching(persona=persona, stage=stage)}


@dataclass
class AssetHit:
    asset: Asset
    snippet: SafeString
    page_label: str = ""  # "slide 7": where in the file the words are
    page_snippet: SafeString | None = None
    template = "search/_asset_hit.html"


def present(hits: list[fulltext.Hit], query) -> list[AssetHit]:
    """The hits' assets with what a card shows, and the best page of each file: a constant
    number of queries whatever the number of hits."""
    assets = Asset.objects.filter(pk__in=[hit.object_id for hit in hits]).with_card_data()
    found = {asset.pk: asset for asset in assets}
    versions = [asset.current_version_id for asset in found.values() if asset.current_version_id]
    pages = fulltext.best_pages(query, versions)
    results = []
    for hit in hits:
        asset = found.get(hit.object_id)
        if asset is None:
            continue
        result = AssetHit(asset, highlight(hit.snippet))
        page = pages.get(asset.current_version_id)
        if page is not None:
            number, name, snippet = page
            word = asset.current_version.page_word
            result.page_label = (
                f"{word} {name}" if word == "sheet" and name else f"{word} {number}"
            )
            result.page_snippet = highlight(snippet)
        results.append(result)
    return results
