"""Reading the search box: the same `Query` drives PostgreSQL and SQLite."""

import pytest

from config.search import UnsearchableQuery, parse
from personas.fulltext import Query, Term


def words(*terms: str) -> tuple[Term, ...]:
    return tuple(Term(tuple(term.split())) for term in terms)


def test_words_must_all_match_and_are_lowercased():
    assert parse("Cost per Order") == Query((words("cost"), words("per"), words("order")))


def test_stop_words_are_dropped_from_bare_words_but_kept_in_phrases():
    assert parse("the chargebacks") == Query((words("chargebacks"),))
    assert parse('"cost of an exception"') == Query((words("cost of an exception"),))


def test_a_possessive_or_a_contraction_is_its_word():
    assert parse("CFO's budget") == parse("CFO budget") == Query((words("cfo"), words("budget")))
    assert parse("CFO’s") == Query((words("cfo"),))
    assert parse('"the CFO\'s budget"') == Query((words("the cfo s budget"),))  # phrases as typed


@pytest.mark.parametrize(
    "quoted", ["“cost of an exception”", "„cost of an exception“", "«cost of an exception»"]
)
def test_typographic_quotes_make_a_phrase_too(quoted):
    assert parse(quoted) == parse('"cost of an exception"')


def test_a_decomposed_accent_is_one_word():
    assert parse("U\u0308bermensch") == parse("\u00dcbermensch") == Query((words("übermensch"),))


def test_or_joins_two_words_and_minus_excludes():
    assert parse("zeppelin or quokka -carrier") == Query(
        (words("zeppelin", "quokka"),), words("carrier")
    )
    assert parse("or zeppelin OR OR quokka") == Query((words("zeppelin", "quokka"),))


def test_not_in_capitals_excludes_what_follows_like_a_minus():
    assert parse("payback NOT model") == parse("payback -model")
    assert parse('payback NOT "cost model"') == parse('payback -"cost model"')
    # In lower case it is a word of the sentence, too common to search for.
    assert parse("will not integrate") == Query((words("integrate"),))
    # Dangling, or before an "or", it excludes nothing.
    assert parse("payback NOT") == parse("payback")
    assert parse("payback NOT or model") == parse("payback or model")
    # With nothing to search for before it, it is a word too common to search for.
    assert parse("DO NOT CALL") == Query((words("call"),))


def test_punctuation_splits_words_into_a_phrase_and_never_reaches_the_engine():
    query = parse('NEAR( e-mail* "unbalanced')
    assert query == Query((words("near"), words("e mail"), words("unbalanced")))
    assert query.fts5() == '(("near") AND ("e mail") AND ("unbalanced"))'
    sql, params = query.tsquery()
    assert params == ["near", '"e mail"', "unbalanced"]
    assert "%s" in sql
    assert "near" not in sql


@pytest.mark.parametrize("text", ['""', "** --", "OR OR", "- * ( )"])
def test_nothing_to_search_for_is_a_message(text):
    with pytest.raises(UnsearchableQuery, match="no words"):
        parse(text)


def test_only_common_words_or_only_exclusions_are_a_message():
    with pytest.raises(UnsearchableQuery, match="too common"):
        parse("the of and")
    with pytest.raises(UnsearchableQuery, match="add a word"):
        parse("-carrier")


def test_too_many_terms_is_a_message():
    with pytest.raises(UnsearchableQuery, match="at most 12"):
        parse(" ".join(f"word{n}" for n in range(13)))
