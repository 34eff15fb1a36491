"""The global search page: what a rep finds, what nobody may find, and how results read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collateral.models import Download
from config import search
from messaging import search as messaging_search
from messaging import workflow
from personas import fulltext
from tests.conftest import client_for
from tests.messaging.conftest import make_term
from tests.search.conftest import save_persona, text_pdf, upload


def results(client, q: str, **params) -> str:
    response = client.get(reverse("search"), {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def group_counts(client, q: str, **params) -> dict[str, int]:
    response = client.get(reverse("search"), {"q": q, **params})
    return {group.key: group.count for group in response.context["groups"]}


def titles(client, q: str, **params) -> list[str]:
    """Titles of the shown hits, in order, across groups."""
    response = client.get(reverse("search"), {"q": q, **params})
    shown = []
    for group in response.context["groups"]:
        for hit in group.hits:
            thing = getattr(hit, "asset", None) or getattr(hit, "persona", None)
            shown.append(thing.title if hasattr(thing, "title") else str(thing or hit.title))
    return shown


def test_the_header_box_on_every_page_searches_everything(rep_client):
    body = rep_client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in body
    assert 'name="q"' in body
    assert reverse("search") == "/search/"


def test_a_pain_word_finds_the_persona_its_messages_objections_and_decks(rep_client, world):
    body = results(rep_client, "chargebacks")
    assert "Finance Fiona" in body
    assert "Stop paying for exceptions twice" in body  # the persona message
    assert "Chargebacks are the carrier&#x27;s problem" in body  # the objection
    assert "Payback model walkthrough" in body  # the deck, by its speaker notes
    assert "<mark>chargebacks</mark>" in body.lower() or "<mark>chargeback</mark>" in body.lower()
    counts = group_counts(rep_client, "chargebacks")
    assert counts == {"personas": 1, "messaging": 2, "collateral": 1}


def test_a_word_only_inside_a_file_finds_the_asset_with_its_slide_or_page(rep_client, world):
    body = results(rep_client, "zeppelin")
    assert "Northwind case study" in body
    assert "On page 3:" in body
    body = results(rep_client, "annual chargeback total")
    assert "On slide 3:" in body
    body = results(rep_client, "quokka")
    assert "Exception desk playbook" in body
    assert "On page 2:" in body


def test_stemming_finds_other_forms_of_a_word(rep_client, world):
    assert "Northwind case study" in results(rep_client, "exception fell")
    assert group_counts(rep_client, "chargeback") == group_counts(rep_client, "chargebacks")


def test_a_rep_never_finds_drafts_retired_assets_or_old_versions(rep_client, world):
    body = results(rep_client, "chargebacks")
    for hidden in (
        "Procurement Paula",
        "Draft objection",
        "Autumn teaser",
        "Secret chargebacks",
        "Old price list",
        "Retired chargebacks",
    ):
        assert hidden not in body
    # Nor in a count: the draft persona, draft objection, draft and retired assets are not
    # counted (see the exact counts in the pain-word test).
    assert group_counts(rep_client, "secret") == {"personas": 0, "messaging": 0, "collateral": 0}
    assert "Security overview" not in results(rep_client, "wombat")
    assert "Security overview" in results(rep_client, "SOC")


def test_marketing_finds_its_drafts_marked_as_drafts(marketer_client, world):
    body = results(marketer_client, "chargebacks")
    assert "Procurement Paula" in body
    assert "Autumn teaser chargebacks" in body
    assert "Draft objection about chargebacks" in body
    assert 'badge--draft">Draft' in body


def test_unpublishing_and_retiring_hide_an_asset_at_once(rep_client, marketer_client, world):
    deck = world["pdf"]
    marketer_client.post(reverse("collateral:unpublish", args=[deck.uuid]))
    assert "Northwind" not in results(rep_client, "zeppelin")
    marketer_client.post(reverse("collateral:publish", args=[deck.uuid]))
    assert "Northwind" in results(rep_client, "zeppelin")


def test_editing_an_asset_or_a_persona_changes_what_is_found(marketer, rep_client, world):
    editor = client_for(marketer)
    save_persona(editor, edit="finance-fiona", name="Finance Fatima", pains="Platypus costs")
    assert "Finance Fatima" in results(rep_client, "platypus")
    assert group_counts(rep_client, "chargebacks")["personas"] == 0
    # The rename reaches the assets and messages that name the persona in their tags.
    assert "Payback model walkthrough" in results(rep_client, "Fatima")
    assert "Stop paying for exceptions twice" in results(rep_client, "Fatima")


def test_approving_a_new_version_of_a_message_replaces_the_old_wording(
    marketer, rep_client, world
):
    from messaging import workflow
    from tests.messaging.conftest import approve_one

    draft = workflow.new_draft(world["message"], marketer)
    draft.key_messages = "Every kangaroo is visible"
    draft.save()
    approve_one(draft, marketer)
    assert "Stop paying" in results(rep_client, "kangaroo")
    assert group_counts(rep_client, "visible the day it happens")["messaging"] == 0


def test_a_collateral_hit_shows_type_personas_stage_rating_thumbnail_and_a_search_download(
    rep_client, world
):
    body = results(rep_client, "zeppelin")
    assert "Case study" in body
    assert "Finance Fiona" in body
    assert "Decision" in body
    assert "Not rated yet" in body
    deck = world["deck"]
    body = results(rep_client, "payback")
    assert f"{deck.get_preview_url()}" in body  # the thumbnail the PowerPoint file carries
    link = f"{deck.get_download_url()}?source=search"
    assert link in body
    response = rep_client.get(link)
    assert response.status_code == 200
    assert Download.objects.get().source == Download.Source.SEARCH


def test_results_are_grouped_with_counts_and_filtered_by_kind_persona_and_stage(rep_client, world):
    response = rep_client.get(reverse("search"), {"q": "chargebacks", "kind": "collateral"})
    groups = {group.key: group for group in response.context["groups"]}
    assert groups["personas"].count == 1  # counts stay visible on every tab
    assert groups["personas"].hits == []
    assert [hit.asset.title for hit in groups["collateral"].hits] == ["Payback model walkthrough"]
    # The persona filter is the library's own rule (Asset.objects.matching).
    from collateral.models import Asset

    rep = response.wsgi_request.user
    library = set(
        Asset.objects.visible_to(rep)
        .matching(persona=world["fiona"])
        .values_list("title", flat=True)
    )
    every = set(titles(rep_client, "exceptions", kind="collateral"))
    filtered = titles(rep_client, "exceptions", kind="collateral", persona="finance-fiona")
    assert set(filtered) == every & library
    assert "Northwind case study" in filtered
    assert group_counts(rep_client, "exceptions", stage="consideration") == {
        "personas": 0,
        "messaging": 0,
        "collateral": 1,
    }


def test_the_best_match_comes_first(rep_client, marketer, stages, world):
    editor = client_for(marketer)
    upload(
        editor, stages, marketer, title="Narwhal pricing", data=text_pdf(["x"]), filename="a.pdf"
    )
    upload(
        editor, stages, marketer, title="Other", data=text_pdf(["narwhal once"]), filename="b.pdf"
    )
    assert titles(rep_client, "narwhal") == ["Narwhal pricing", "Other"]


def test_file_text_decides_matching_not_rank_so_both_engines_order_alike(
    rep_client, marketer, stages, world
):
    """The rank reads titles, tags and bodies only (personas/fulltext.py), on PostgreSQL and
    SQLite alike; files that match in their text alone tie and keep upload order."""
    editor = client_for(marketer)
    for title, text in [
        ("One mention", "a quagga"),
        ("Many mentions", "quagga quagga quagga quagga"),
        ("Quagga field guide", "nothing here"),
    ]:
        upload(editor, stages, marketer, title=title, data=text_pdf([text]), filename="q.pdf")
    assert titles(rep_client, "quagga") == ["Quagga field guide", "One mention", "Many mentions"]


def test_pagination_of_one_kind(rep_client, marketer, stages, db, settings, monkeypatch):
    monkeypatch.setattr(search, "PER_PAGE", 2)
    editor = client_for(marketer)
    for number in range(5):
        upload(
            editor,
            stages,
            marketer,
            title=f"Ocelot {number}",
            data=text_pdf(["ocelot"]),
            filename="o.pdf",
        )
    response = rep_client.get(reverse("search"), {"q": "ocelot", "kind": "collateral"})
    assert len(response.context["chosen"].hits) == 2
    assert "Page 1 of 3" in response.content.decode()
    response = rep_client.get(
        reverse("search"), {"q": "ocelot", "kind": "collateral", "page": "99"}
    )
    assert "Page 3 of 3" in response.content.decode()
    assert len(response.context["chosen"].hits) == 1


def test_no_results_suggests_filters_and_offers_a_prefilled_request(rep_client, world):
    body = results(rep_client, "hovercraft")
    assert "Nothing matches “hovercraft”" in body
    assert "?persona=finance-fiona" in body or "persona=finance-fiona" in body
    assert f"{reverse('collateral:request_new')}?q=hovercraft" in body
    body = results(rep_client, "hovercraft", stage="decision")
    assert "Search without the persona and stage filters" in body


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("x", "at least two characters"),
        ("a" * 10_000, "at most 200 characters long (this one has 10000)"),
        ('"', "at least two characters"),
        ('""', "no words to search for"),
        ("**", "no words to search for"),
        ("- -", "no words to search for"),
        ("OR OR", "no words to search for"),
        ("the of and", "too common to search for"),
        ("-chargebacks", "add a word to look for"),
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error(rep_client, world, q, message):
    response = rep_client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_query_too_long_keeps_the_filters_chosen(rep_client, world):
    params = {"q": "a" * 300, "persona": "finance-fiona", "stage": "decision"}
    body = rep_client.get(reverse("search"), params).content.decode()
    assert "at most 200 characters long" in body
    assert '<option value="finance-fiona" selected>' in body
    assert '<option value="decision" selected>' in body


def test_a_nul_in_the_query_is_a_clear_400_before_any_search(rep_client, world):
    # config.middleware.RejectNulMiddleware answers first, for every page (#14.3).
    response = rep_client.get(reverse("search"), {"q": "cost\x00s"})
    assert response.status_code == 400
    assert "NUL character (%00)" in response.content.decode()


@pytest.mark.parametrize(
    "q",
    ['"unbalanced quote', "NEAR(", "chargebacks OR OR", 'a*b "x" -', "'; DROP TABLE", "^~:()"],
)
def test_operator_soup_is_searched_as_words_never_an_error(rep_client, world, q):
    assert rep_client.get(reverse("search"), {"q": q}).status_code == 200


def test_unknown_filters_are_dropped_with_a_note_and_the_words_still_searched(rep_client, world):
    unfiltered = group_counts(rep_client, "chargebacks")
    assert sum(unfiltered.values()) > 0
    params = {"persona": "nobody", "stage": "nowhere", "page": "x", "kind": "junk"}
    assert group_counts(rep_client, "chargebacks", **params) == unfiltered
    body = results(rep_client, "chargebacks", **params)
    assert "That persona is not available, so every persona is searched." in body
    assert "That stage does not exist, so every stage is searched." in body
    assert "Select a valid choice" not in body
    # A draft persona is not a filter a rep may use: dropped the same way.
    body = results(rep_client, "chargebacks", persona="procurement-paula")
    assert "That persona is not available" in body
    assert group_counts(rep_client, "chargebacks", persona="procurement-paula") == unfiltered


@pytest.mark.parametrize("page", ["0", "-1", "99999", "abc"])
def test_a_page_number_out_of_range_shows_the_first_page(rep_client, world, page):
    response = rep_client.get(
        reverse("search"), {"q": "chargebacks", "kind": "personas", "page": page}
    )
    assert response.status_code == 200
    assert response.context["chosen"].page == 1
    assert response.context["chosen"].hits


def test_phrases_or_and_exclusion(rep_client, world):
    assert group_counts(rep_client, '"chargebacks hit"')["personas"] == 1
    assert group_counts(rep_client, '"hit chargebacks"')["personas"] == 0
    assert group_counts(rep_client, "zeppelin or quokka")["collateral"] == 2
    assert group_counts(rep_client, "exceptions -zeppelin")["collateral"] == 1


def test_snippets_escape_user_text(marketer, rep_client, stages, world):
    editor = client_for(marketer)
    upload(
        editor,
        stages,
        marketer,
        title="Escape <b>test</b>",
        description="<script>alert(1)</script> capybara",
        data=text_pdf(["x"]),
        filename="e.pdf",
    )
    body = results(rep_client, "capybara")
    assert "<script>alert" not in body
    assert "Escape &lt;b&gt;test&lt;/b&gt;" in body
    assert "<mark>capybara</mark>" in body


def test_a_results_page_costs_the_same_number_of_queries_whatever_the_data(
    rep, marketer, stages, world
):
    editor = client_for(marketer)
    client = client_for(rep)

    def cost() -> int:
        client.get(reverse("search"), {"q": "exceptions"})  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("search"), {"q": "exceptions"})
        return len(queries)

    before = cost()
    for number in range(6):
        upload(
            editor,
            stages,
            marketer,
            title=f"Exceptions {number}",
            data=text_pdf([f"exceptions page {number}"]),
            filename="x.pdf",
            personas=[world["fiona"]],
        )
    assert cost() == before
    assert before <= 22


def test_search_writes_nothing_and_needs_login(client, rep_client, world):
    assert client.get(reverse("search"), {"q": "chargebacks"}).status_code == 302
    assert rep_client.post(reverse("search"), {"q": "chargebacks"}).status_code == 405


def test_the_index_is_written_in_the_same_transaction(marketer, stages, db):
    """A failed upload leaves no document: the index write is rolled back with the asset."""
    from collateral import services

    editor = client_for(marketer)
    original = services.search.index

    def failing(asset):
        original(asset)
        raise RuntimeError("disk full")

    services.search.index = failing
    try:
        with pytest.raises(RuntimeError):
            upload(
                editor, stages, marketer, title="Doomed", data=text_pdf(["x"]), filename="d.pdf"
            )
    finally:
        services.search.index = original
    assert not fulltext.SearchDocument.objects.filter(title="Doomed").exists()


def test_title_beats_persona_names_beats_description_beats_file_text(
    rep_client, marketer, stages, db
):
    """The weights of the stored document, identical on PostgreSQL and SQLite."""
    editor = client_for(marketer)
    wendy = save_persona(editor, name="Walrus Wendy", slug="walrus-wendy", pains="Ice")
    common = {"stage_map": stages, "owner": marketer, "filename": "w.pdf"}
    upload(editor, **common, title="File text", data=text_pdf(["a walrus inside"]))
    upload(
        editor,
        **common,
        title="Description",
        description="About the walrus.",
        data=text_pdf(["x"]),
    )
    upload(editor, **common, title="Tags", personas=[wendy], data=text_pdf(["x"]))
    upload(editor, **common, title="Walrus in the title", data=text_pdf(["x"]))
    response = rep_client.get(reverse("search"), {"q": "walrus", "kind": "collateral"})
    shown = [hit.asset.title for hit in response.context["groups"][2].hits]
    assert shown == ["Walrus in the title", "Tags", "Description", "File text"]


def test_reindex_writes_every_document_again_and_is_safe_to_run_twice(rep_client, world):
    import io

    from django.core.management import call_command

    before = set(fulltext.SearchDocument.objects.values_list("kind", "object_id", "title"))
    fulltext.SearchDocument.objects.all().delete()
    assert group_counts(rep_client, "chargebacks") == {
        "personas": 0,
        "messaging": 0,
        "collateral": 0,
    }
    for _ in range(2):
        out = io.StringIO()
        call_command("reindex", stdout=out)
        assert "Search index written:" in out.getvalue()
        after = set(fulltext.SearchDocument.objects.values_list("kind", "object_id", "title"))
        assert after == before
    assert group_counts(rep_client, "chargebacks") == {
        "personas": 1,
        "messaging": 2,
        "collateral": 1,
    }


def test_a_persona_hit_links_its_call_prep_brief(rep_client, world):
    body = results(rep_client, "chargebacks")
    assert f'href="{reverse("personas:brief", args=["finance-fiona"])}"' in body


def test_a_version_in_review_links_to_that_version_not_to_the_approved_one(
    marketer_client, rep_client, marketer
):
    term = make_term(marketer, term="Zebrafish metric")
    workflow.submit(term, marketer)
    messaging_search.sync(term)
    body = results(marketer_client, "zebrafish")
    assert f'href="{term.get_version_url()}">' in body
    # A rep signs it from the review queue; search shows reps approved wording only.
    assert "Nothing matches" in results(rep_client, "zebrafish")
    assert rep_client.get(term.get_version_url()).status_code == 200
