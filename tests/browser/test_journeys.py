"""The three main paths, in Chromium, through what a person sees: labels, roles and text.

One story on the demo data, seeded once (seeding renders every demo file's preview, so it
is the slowest part): a rep finds a persona by a pain word, prepares a call, asks for missing
material and is told when marketing replaces the deck he downloaded; marketing uploads and
publishes, then answers that request, and a manager retires what nobody uses. Each journey
signs in as a new browser context, and every page it reaches passes the checks in
tests/browser/pages.py.
"""

import pytest
from django.core.management import call_command

from tests.browser import manager_journey, marketer_journey, rep_journey


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rep_marketer_and_manager_journeys(visit_as, tmp_path):
    call_command("seed_demo", force=True, stdout=None)  # the test settings have DEBUG off

    rep = visit_as("rep", "rep")
    request_text = rep_journey.prepare_a_call(rep, tmp_path)
    rep_journey.hear_of_a_new_version(rep, visit_as("marketer", "rep-update"), tmp_path)

    marketer_journey.publish_and_answer(visit_as("marketer", "marketer"), tmp_path, request_text)
    manager_journey.audit_and_retire(visit_as("manager", "manager"), tmp_path)
