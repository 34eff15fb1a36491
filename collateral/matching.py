"""Finding retired wording in extracted text: case-insensitive, whole words, across line breaks
and hyphenation. Pure functions over strings, so they are easy to test and cheap to run over
every page of every current file.

- Case and compatibility forms do not matter ("ﬁ" ligatures, full-width letters: NFKC, then
  casefold).
- Words may be separated by any run of spaces or line breaks.
- A word broken at a line end with a hyphen ("guaran-⏎teed") still matches, and so does a
  hyphenated phrase whose hyphen falls at a line end ("zero-⏎touch").
- Only whole words match: "Routemaster" does not match inside "Routemasters".
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# A hyphen (or PDFium's soft-hyphen marks) at a line end, inside a word: joined on reading.
LINE_END_HYPHEN = re.compile(r"(?<=\w)[-\u00ad\u2010\x02\ufffe][ \t]*\r?\n\s*(?=\w)")
SOFT_HYPHEN = re.compile(r"[\u00ad\x02\ufffe]")
# PDFium marks a hyphen that ended a line with U+FFFE and drops the line break: "guaran<FFFE>
# teed" (a word broken in two) and "zero<FFFE>touch" (a hyphenated word) look alike, so the
# mark is read both ways.
LINE_END_MARK = re.compile(r"[\x02\ufffe]")
DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2019": "'", "\u2018": "'"})


def fold(text: str) -> str:
    """Text as compared: NFKC, case-folded, one hyphen and one apostrophe character."""
    return unicodedata.normalize("NFKC", text).translate(DASHES).casefold()


def phrase_pattern(phrase: str) -> str:
    """The regex source for one phrase: its words apart by any whitespace, a hyphen inside a
    word allowed to end a line, and whole words only."""
    words = []
    for word in fold(phrase).split():
        words.append(r"-\s*".join(re.escape(part) for part in word.split("-")))
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def phrase_key(text: str) -> str:
    """The matched text (or a phrase) reduced to one spelling, to tell which phrase matched."""
    text = re.sub(r"-\s+", "-", fold(text))
    return " ".join(text.split())


@dataclass(frozen=True)
class Match:
    phrase: str  # the key of the phrase (see phrase_key)
    page: int
    count: int


class Matcher:
    """All phrases compiled into one pattern; `scan` reports (phrase, page, count)."""

    def __init__(self, phrases: Iterable[str]):
        keys = {phrase_key(phrase) for phrase in phrases if phrase_key(phrase)}
        # Longest first, so a longer phrase wins over a shorter one it contains.
        ordered = sorted(keys, key=len, reverse=True)
        self.keys = set(ordered)
        self.pattern = (
            re.compile("|".join(f"(?:{phrase_pattern(key)})" for key in ordered))
            if ordered
            else None
        )

    def _counts(self, text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for found in self.pattern.finditer(text):
            key = phrase_key(found.group())
            if key in self.keys:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def scan(self, pages: Iterable[tuple[int, str]]) -> list[Match]:
        if self.pattern is None:
            return []
        matches = []
        for number, text in pages:
            folded = fold(text)
            # Twice: as written, and with words broken at line ends joined again. An
            # occurrence found both ways is counted once (the larger count per phrase wins).
            plain = self._counts(SOFT_HYPHEN.sub("", folded))
            joined = self._counts(SOFT_HYPHEN.sub("", LINE_END_HYPHEN.sub("", folded)))
            # Read as a hyphen only for phrases with one: "Routemaster<FFFE>ing" is the word
            # "Routemastering", never the phrase "Routemaster" (a hyphen is a word boundary).
            hyphened = {
                key: count
                for key, count in self._counts(
                    SOFT_HYPHEN.sub("", LINE_END_MARK.sub("-", folded))
                ).items()
                if "-" in key
            }
            for key in sorted(plain.keys() | joined.keys() | hyphened.keys()):
                count = max(plain.get(key, 0), joined.get(key, 0), hyphened.get(key, 0))
                matches.append(Match(key, number, count))
        return matches
