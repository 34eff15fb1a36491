"""Content requests: reps ask, marketing answers, the requester sees the result."""

import pytest
from django.urls import reverse
from django.utils import timezone

from collateral.choosing import SUGGESTIONS as REQUEST_SUGGESTIONS
from collateral.models import Asset, ContentRequest, Feedback

NEW = reverse("collateral:request_new")


def test_the_request_form_is_prefilled_from_the_library_filters(rep_client, persona, stages):
    response = rep_client.get(NEW, {"persona": persona.slug, "stage": "decision", "type": "deck"})
    form = response.context["form"]
    assert form.initial["persona"] == persona
    assert form.initial["stage"] == stages["decision"]
    assert form.initial["asset_type"] == "deck"
    body = response.content.decode()
    assert f'<option value="{persona.pk}" selected>Finance Fiona</option>' in body


def test_the_search_text_prefills_the_description(rep_client):
    response = rep_client.get(NEW, {"q": "carrier API"})
    assert "carrier API" in response.context["form"].initial["description"]


def test_rep_sends_a_request(rep_client, rep, persona, stages):
    response = rep_client.post(
        NEW,
        {
            "persona": persona.pk,
            "stage": stages["decision"].pk,
            "asset_type": "one_pager",
            "description": "A one-page ROI summary Fiona can forward to her CEO",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("collateral:requests_mine")
    request = ContentRequest.objects.get()
    assert (request.requester, request.persona, request.status) == (rep, persona, "open")
    mine = rep_client.get(reverse("collateral:requests_mine")).content.decode()
    assert "A one-page ROI summary" in mine


def test_a_double_submit_asks_marketing_once(rep_client, rep, persona, stages):
    data = {"persona": persona.pk, "stage": stages["decision"].pk, "description": "ROI page"}
    rep_client.post(NEW, data)
    again = rep_client.post(NEW, data, follow=True)
    assert ContentRequest.objects.filter(requester=rep).count() == 1
    assert "You asked for this a moment ago; it is on your list." in again.content.decode()
    # Other words, or the same words once Marketing answered, are a new request.
    rep_client.post(NEW, {**data, "description": "ROI page for the CEO"})
    assert ContentRequest.objects.filter(requester=rep).count() == 2
    ContentRequest.objects.update(status="declined")
    rep_client.post(NEW, data)
    assert ContentRequest.objects.filter(requester=rep, status="open").count() == 1


def test_a_request_without_a_description_keeps_the_input(rep_client, persona):
    response = rep_client.post(NEW, {"persona": persona.pk, "description": ""})
    assert response.status_code == 200
    assert ContentRequest.objects.count() == 0
    assert f'<option value="{persona.pk}" selected>' in response.content.decode()


def test_marketing_sees_the_queue_and_feedback_on_their_assets(
    marketer_client, rep, asset, make_asset, manager
):
    ContentRequest.objects.create(requester=rep, description="Need a carrier battlecard")
    ContentRequest.objects.create(
        requester=rep, description="Already done", status=ContentRequest.Status.DONE
    )
    Feedback.objects.create(asset=asset, user=rep, rating=2, comment="Pricing slide outdated")
    someone_elses = make_asset("Not mine", owner=manager)
    Feedback.objects.create(asset=someone_elses, user=rep, rating=5, comment="Other owner")
    body = marketer_client.get(reverse("collateral:request_queue")).content.decode()
    assert "Need a carrier battlecard" in body
    assert "Already done" not in body
    assert "Pricing slide outdated" in body
    assert "Other owner" not in body


def test_marketing_closes_a_request_by_linking_an_asset(marketer_client, marketer, rep, asset):
    request = ContentRequest.objects.create(requester=rep, description="ROI deck please")
    url = reverse("collateral:request_respond", args=[request.pk])
    response = marketer_client.post(
        url, {"status": "done", "asset": str(asset.uuid), "response": "Here it is"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "done"
    assert request.fulfilled_by == asset
    assert request.handled_by == marketer
    assert request.closed_at is not None
    assert list(ContentRequest.objects.recently_fulfilled_for(rep)) == [request]


def test_the_requester_sees_the_answer_on_their_home_page(marketer_client, rep_client, rep, asset):
    request = ContentRequest.objects.create(requester=rep, description="ROI deck please")
    marketer_client.post(
        reverse("collateral:request_respond", args=[request.pk]),
        {"status": "done", "asset": str(asset.uuid), "response": "Fresh from the oven"},
    )
    body = rep_client.get(reverse("home")).content.decode()
    assert "Your requests" in body
    assert f'<a href="{asset.get_absolute_url()}">ROI deck</a>' in body
    assert "Fresh from the oven" in body


def test_an_answer_from_a_page_opened_before_a_colleagues_answer_is_refused_once(
    marketer_client, rep, asset
):
    from personas.roles import MARKETING
    from tests.conftest import client_for, make_user

    request = ContentRequest.objects.create(requester=rep, description="ROI deck please")
    url = reverse("collateral:request_respond", args=[request.pk])
    seen = marketer_client.get(url).context["form"]["seen"].value()
    colleague = client_for(make_user("marketer2", MARKETING))
    done = {"status": "done", "asset": str(asset.uuid), "seen": seen}
    assert colleague.post(url, done).status_code == 302
    declined = {"status": "declined", "response": "Not this quarter", "seen": seen}
    stale = marketer_client.post(url, declined)
    assert stale.status_code == 200
    body = stale.content.decode()
    assert "Someone else answered this request after you opened it" in body
    assert f'<a href="{asset.get_absolute_url()}">ROI deck</a>' in body  # their answer
    request.refresh_from_db()
    assert (request.status, request.fulfilled_by) == ("done", asset)
    again = {**declined, "seen": stale.context["form"]["seen"].value()}
    assert marketer_client.post(url, again).status_code == 302
    request.refresh_from_db()
    assert request.status == "declined"


def test_home_page_lists_open_requests_but_not_other_peoples(rep_client, rep, manager):
    ContentRequest.objects.create(requester=rep, description="Still open")
    ContentRequest.objects.create(requester=manager, description="Somebody else's")
    body = rep_client.get(reverse("home")).content.decode()
    assert "Still open" in body
    assert "Somebody else" not in body


def test_home_page_queries_do_not_grow_with_fulfilled_requests(
    rep_client, rep, asset, django_assert_max_num_queries
):
    def fulfil(count):
        for number in range(count):
            ContentRequest.objects.create(
                requester=rep,
                description=f"Request {number}",
                status="done",
                fulfilled_by=asset,
                closed_at=timezone.now(),
            )

    fulfil(1)
    with django_assert_max_num_queries(20) as one:
        rep_client.get(reverse("home"))
    fulfil(9)
    with django_assert_max_num_queries(len(one)):
        body = rep_client.get(reverse("home")).content.decode()
    # Only the latest few are listed; the link leads to all of them.
    card = body[body.index('id="home-my_requests"') :]
    card = card[: card.index("</article>")]
    assert card.count("asked ") == 5
    assert f'<a href="{reverse("collateral:requests_mine")}">All 10' in card


def test_done_needs_an_asset_and_declined_needs_a_reply(marketer_client, rep):
    request = ContentRequest.objects.create(requester=rep, description="x")
    url = reverse("collateral:request_respond", args=[request.pk])
    done = marketer_client.post(url, {"status": "done"})
    assert "Choose the asset that answers this request." in done.content.decode()
    declined = marketer_client.post(url, {"status": "declined", "response": "  "})
    assert "Write a short reply" in declined.content.decode()
    request.refresh_from_db()
    assert request.status == "open"


def test_planned_with_a_reply_stays_in_the_queue(marketer_client, rep):
    request = ContentRequest.objects.create(requester=rep, description="Carrier battlecard")
    marketer_client.post(
        reverse("collateral:request_respond", args=[request.pk]),
        {"status": "planned", "response": "Coming in May"},
    )
    request.refresh_from_db()
    assert (request.status, request.response, request.closed_at) == (
        "planned",
        "Coming in May",
        None,
    )
    assert (
        "Carrier battlecard"
        in marketer_client.get(reverse("collateral:request_queue")).content.decode()
    )


def test_only_published_assets_can_answer_a_request(marketer_client, rep, make_asset):
    draft = make_asset(status=Asset.Status.DRAFT)
    request = ContentRequest.objects.create(requester=rep, description="x")
    response = marketer_client.post(
        reverse("collateral:request_respond", args=[request.pk]),
        {"status": "done", "asset": str(draft.uuid)},
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == "open"


def test_a_field_in_error_is_not_also_told_it_is_missing(marketer_client, rep, make_asset):
    request = ContentRequest.objects.create(requester=rep, description="x")
    url = reverse("collateral:request_respond", args=[request.pk])
    long_reply = marketer_client.post(url, {"status": "declined", "response": "x" * 1001})
    body = long_reply.content.decode()
    assert "at most 1000 characters" in body
    assert "Write a short reply" not in body
    gone = make_asset(status=Asset.Status.RETIRED)
    stale_choice = marketer_client.post(url, {"status": "done", "asset": str(gone.uuid)})
    body = stale_choice.content.decode()
    assert "That asset is no longer among the published ones." in body
    assert "Choose the asset that answers this request." not in body


def test_recently_fulfilled_leaves_out_old_and_other_peoples_requests(rep, manager, asset):
    mine = ContentRequest.objects.create(
        requester=rep,
        description="new",
        status="done",
        fulfilled_by=asset,
        closed_at=timezone.now(),
    )
    ContentRequest.objects.create(
        requester=rep,
        description="old",
        status="done",
        fulfilled_by=asset,
        closed_at=timezone.now() - timezone.timedelta(days=60),
    )
    ContentRequest.objects.create(
        requester=manager,
        description="theirs",
        status="done",
        fulfilled_by=asset,
        closed_at=timezone.now(),
    )
    ContentRequest.objects.create(requester=rep, description="open one")
    assert list(ContentRequest.objects.recently_fulfilled_for(rep)) == [mine]


@pytest.mark.parametrize("who", ["marketer_client", "outsider_client"])
def test_only_sales_and_managers_send_requests(request, who):
    client = request.getfixturevalue(who)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"description": "x"}).status_code == 403
    assert ContentRequest.objects.count() == 0


def test_the_answer_form_suggests_the_most_downloaded_matching_assets_only(
    marketer_client, rep, persona, stages, make_asset
):
    for n in range(REQUEST_SUGGESTIONS + 3):
        asset = make_asset(f"Fiona deck {n:02}", personas=[persona])
        Asset.objects.filter(pk=asset.pk).update(download_count=n)
    make_asset("Someone else's deck")
    request = ContentRequest.objects.create(
        requester=rep, description="x", persona=persona, stage=stages["decision"]
    )
    body = marketer_client.get(
        reverse("collateral:request_respond", args=[request.pk])
    ).content.decode()
    assert body.count(">Fiona deck ") == REQUEST_SUGGESTIONS
    assert f">Fiona deck {REQUEST_SUGGESTIONS + 2:02} (Deck, out " in body  # most downloaded
    assert ">Fiona deck 00 (" not in body
    assert "Someone else" not in body


def test_any_published_asset_answers_a_request_by_its_link(marketer_client, rep, make_asset):
    asset = make_asset("Not suggested", status=Asset.Status.PUBLISHED)
    request = ContentRequest.objects.create(requester=rep, description="x")
    url = reverse("collateral:request_respond", args=[request.pk])
    response = marketer_client.post(
        url,
        {"status": "done", "asset_link": f"https://onevoice.example{asset.get_absolute_url()}"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.fulfilled_by) == ("done", asset)


def test_a_chosen_asset_and_a_different_link_is_a_form_error(marketer_client, rep, make_asset):
    chosen, linked = make_asset("Payback model"), make_asset("Northwind case study")
    request = ContentRequest.objects.create(requester=rep, description="x")
    url = reverse("collateral:request_respond", args=[request.pk])
    data = {"status": "done", "asset": str(chosen.uuid), "asset_link": linked.get_absolute_url()}
    body = marketer_client.post(url, data).content.decode()
    assert "You chose “Payback model” and pasted the link of “Northwind case study”" in body
    request.refresh_from_db()
    assert (request.status, request.fulfilled_by) == ("open", None)
    # The same asset both ways is one answer.
    data["asset_link"] = chosen.get_absolute_url()
    assert marketer_client.post(url, data).status_code == 302
    request.refresh_from_db()
    assert request.fulfilled_by == chosen


def test_a_link_that_is_no_published_asset_is_a_form_error(marketer_client, rep, make_asset):
    draft = make_asset(status=Asset.Status.DRAFT)
    request = ContentRequest.objects.create(requester=rep, description="x")
    url = reverse("collateral:request_respond", args=[request.pk])
    for link in ("https://example.com/nothing", draft.get_absolute_url()):
        response = marketer_client.post(url, {"status": "done", "asset_link": link})
        body = response.content.decode()
        assert "That is not the link of a published asset." in body
        assert "Choose the asset that answers this request." not in body  # one error, not two
    request.refresh_from_db()
    assert request.status == "open"


def test_the_queue_shows_a_page_of_requests_and_the_total(marketer_client, rep):
    ContentRequest.objects.bulk_create(
        ContentRequest(requester=rep, description=f"Need number {n}") for n in range(25)
    )
    body = marketer_client.get(reverse("collateral:request_queue")).content.decode()
    assert '<span class="badge">25</span>' in body
    assert body.count("Need number ") == 20
    assert "1 of 2" in body


def test_answering_with_a_file_that_has_retired_wording_warns_marketing(
    marketer_client, marketer, rep, asset
):
    from collateral.models import WordingHit
    from tests.messaging.conftest import approve_one, make_wording

    claim = approve_one(make_wording(marketer, phrase="guaranteed savings"), marketer)
    WordingHit.objects.create(version=asset.current_version, wording=claim, page=2, count=1)
    request = ContentRequest.objects.create(requester=rep, description="ROI deck please")
    url = reverse("collateral:request_respond", args=[request.pk])
    response = marketer_client.post(url, {"status": "done", "asset": str(asset.uuid)}, follow=True)
    body = response.content.decode()
    assert "The request is marked done" in body
    assert "“ROI deck” uses retired wording: “guaranteed savings” (page 2)." in body
