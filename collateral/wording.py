"""The drift check: the text of every current file against the approved retired wording
(DESIGN §5b: the wording is messaging's, the check of file text is collateral's).

It runs
- at upload and for every new version, before the write transaction and before anything is
  published (`services`), so the marketer sees the hits first;
- over every current version whenever the approved list changes (`collateral.tasks`);
- from `manage.py check_drift`.
Verdicts and hits are rows (`WordingCheck`, `WordingHit`), so pages read them with one
EXISTS or one small query and never read files.

The text is search's extraction (`collateral.extraction`): made once per version, at upload
in the guarded child, stored as `VersionPage` rows. The check never opens a file itself.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from collateral import extraction
from collateral.matching import Match, Matcher, phrase_key
from collateral.models import Asset, AssetVersion, WordingCheck, WordingHit
from collateral.preview import Processed, TextStatus
from messaging.models import RetiredWording


@dataclass(frozen=True)
class FileText:
    """A file's text per page, slide or sheet, and what extraction found (a TextStatus)."""

    status: str
    pages: list[tuple[int, str]] = field(default_factory=list)


def text_of_upload(processed: Processed) -> FileText:
    """The text extraction made of an upload (`extraction.process_intake`)."""
    pages = [(page.number, page.text) for page in processed.pages if page.text.strip()]
    return FileText(processed.text_status, pages)


def text_of_version(version: AssetVersion) -> FileText:
    """A stored version's text; one never extracted yet (older data) is extracted first."""
    if version.text_status == TextStatus.PENDING:
        written: list[str] = []
        return text_of_upload(extraction.reextract(version, written))
    return FileText(version.text_status, extraction.page_texts(version))


@dataclass(frozen=True)
class Check:
    """The approved phrases by their folded spelling, compiled once."""

    wording: dict[str, RetiredWording]
    matcher: Matcher

    @classmethod
    def current(cls) -> "Check":
        wording = {phrase_key(item.phrase): item for item in RetiredWording.objects.approved()}
        return cls(wording, Matcher(wording))

    def scan(self, text: FileText) -> list[Match]:
        return self.matcher.scan(text.pages)


@dataclass(frozen=True)
class Result:
    """What the check found in one file, before it is stored."""

    text: FileText
    matches: list[Match]
    check: Check

    @property
    def found(self) -> bool:
        return bool(self.matches)


def check_upload(processed: Processed) -> Result:
    """Check an upload's extracted text; run it before the write transaction starts."""
    text = text_of_upload(processed)
    check = Check.current()
    return Result(text, check.scan(text), check)


def store(version: AssetVersion, result: Result) -> None:
    """Replace `version`'s verdict and hits (call inside the version's transaction)."""
    check = result.check
    WordingHit.objects.filter(version=version).delete()
    WordingHit.objects.bulk_create(
        WordingHit(
            version=version,
            wording=check.wording[match.phrase],
            page=match.page,
            count=match.count,
        )
        for match in result.matches
        if match.phrase in check.wording
    )
    WordingCheck.objects.update_or_create(
        version=version,
        defaults={"status": result.text.status, "checked_at": timezone.now()},
    )


def check_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Check every asset's current version again; returns the number of hits.

    One version at a time: its file is read outside any transaction, then its verdict and
    hits are replaced in one short transaction, so a long run never holds a lock for long.
    Versions that are no longer current keep the verdict they had.
    """
    check = Check.current()
    versions = AssetVersion.objects.filter(
        pk__in=Asset.objects.exclude(current_version=None).values("current_version_id")
    ).order_by("pk")
    ids = list(versions.values_list("pk", flat=True))
    total = 0
    for done, pk in enumerate(ids, start=1):
        version = AssetVersion.objects.filter(pk=pk).first()
        if version is not None:
            text = text_of_version(version)
            result = Result(text, check.scan(text), check)
            with transaction.atomic():
                store(version, result)
            total += len(result.matches)
        if progress is not None:
            progress(done, len(ids))
    return total


@dataclass(frozen=True)
class PhraseHits:
    """One retired phrase in one version, with every page or slide it is on."""

    wording: RetiredWording
    places: list[str]


def hits_by_phrase(version: AssetVersion | None) -> list[PhraseHits]:
    """What the asset page lists: each phrase once, with its pages (one query)."""
    if version is None:
        return []
    grouped: dict[int, PhraseHits] = {}
    hits = version.wording_hits.select_related("wording").order_by("wording__phrase", "page")
    for hit in hits:
        hit.version = version
        grouped.setdefault(hit.wording_id, PhraseHits(hit.wording, [])).places.append(hit.where)
    return list(grouped.values())


def describe(hits: Iterable[PhraseHits], limit: int = 3) -> str:
    """ "“guaranteed 50% savings” (page 2); “Routemaster” (slides 1, 4)" for a message."""
    parts = [f"“{entry.wording.phrase}” ({', '.join(entry.places)})" for entry in hits]
    more = len(parts) - limit
    return "; ".join(parts[:limit]) + (f"; and {more} more" if more > 0 else "")


def unreadable_assets():
    """Assets whose current file had no text to check (a scan): never reported as clean."""
    no_text = [WordingCheck.Status.EMPTY, WordingCheck.Status.FAILED]
    return (
        Asset.objects.exclude(status=Asset.Status.RETIRED)
        .filter(current_version__wording_check__status__in=no_text)
        .order_by("title")
    )
