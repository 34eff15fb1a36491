"""The wording matcher: any case, whole words, across line breaks and hyphenation."""

import pytest

from collateral.matching import Matcher

PHRASES = ["guaranteed 50% savings", "Brightline Dispatch", "zero-touch exceptions", "Routemaster"]


def found(text: str, phrases=PHRASES) -> list[tuple[str, int]]:
    return [(match.phrase, match.count) for match in Matcher(phrases).scan([(1, text)])]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We promise GUARANTEED 50% SAVINGS.", "guaranteed 50% savings"),
        ("guaranteed\n50%\r\nsavings", "guaranteed 50% savings"),
        ("guaran-\nteed 50% savings", "guaranteed 50% savings"),
        ("guaran\u00adteed 50% savings", "guaranteed 50% savings"),
        ("zero-\ntouch exceptions", "zero-touch exceptions"),
        ("zero\u2010touch   exceptions", "zero-touch exceptions"),
        # What PDFium reads from a line ending in a hyphen: a mark, and no line break.
        ("promised guaran\ufffeteed 50% savings", "guaranteed 50% savings"),
        ("Our zero\ufffetouch exceptions", "zero-touch exceptions"),
        ("Brightline Dis-\r\npatch", "brightline dispatch"),
        ("“Routemaster”, they said", "routemaster"),
        ("ﬁrst Routemaster", "routemaster"),
    ],
)
def test_a_phrase_is_found_whatever_the_case_line_breaks_or_hyphenation(text, phrase):
    assert found(text) == [(phrase, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Routemasters and Routemastering",
        "brightline dispatches",
        "guaranteed 50% savingsplan",
        "zerotouch exceptions",
        # A line-end mark inside a longer word does not make a whole word of its start.
        "Routemaster\ufffeing",
        "Brightline Dispatch\ufffees",
        "Routemaster\u00ades",
        "Brightline\n\nFlow dispatch",
    ],
)
def test_only_whole_words_match(text):
    assert found(text) == []


def test_hits_are_counted_per_page_once_each():
    matcher = Matcher(PHRASES)
    pages = [(1, "Routemaster. routemaster!"), (2, "nothing"), (7, "Brightline Dispatch")]
    result = [(m.phrase, m.page, m.count) for m in matcher.scan(pages)]
    assert result == [("routemaster", 1, 2), ("brightline dispatch", 7, 1)]


def test_no_phrases_find_nothing():
    assert Matcher([]).scan([(1, "anything")]) == []


def test_regex_characters_in_a_phrase_are_literal():
    assert found("save (up to) 50%+ now", ["(up to) 50%+"]) == [("(up to) 50%+", 1)]
    assert found("save up to 50% now", ["(up to) 50%+"]) == []
