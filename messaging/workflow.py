"""The messaging workflow: draft → in review → approved → retired, and the rules around it.

Views call these functions; the rules live here, not in views. Every function that changes
which version is current locks the rows of the item's key first (`select_for_update`), so two
approvals or signatures of one item cannot race each other.

- Editing an approved (or retired) version creates a new draft version; editing a draft edits it
  in place; editing a version in review sends it back to draft and clears its signatures.
- Positioning and glossary terms need two signatures from two different people: one for
  Marketing, one for Sales/Managers. The second signature approves the version.
- Every other kind is approved in one step by a Marketing member.
- Approving a version retires the previously approved version of the same key.
"""

from datetime import timedelta
from typing import Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.forms import BaseInlineFormSet, ModelForm
from django.utils import timezone

from messaging import notify, search
from messaging.models import (
    Boilerplate,
    PersonaMessage,
    Pillar,
    ProofPoint,
    RetiredWording,
    Status,
    TwoSignatures,
    Versioned,
)
from messaging.signals import pillar_approved, wording_changed
from personas import changelog, roles
from personas.changelog import ChangeLog

Side = Literal["marketing", "sales"]
SIDE_LABELS: dict[str, str] = {"marketing": "Marketing", "sales": "Sales"}


class WorkflowError(Exception):
    """A rule of the workflow forbids the step; the message is shown to the user as is."""


def _lock_key(model: type[Versioned], key) -> list[Versioned]:
    """Lock every version of one item until the transaction ends."""
    return list(model.objects.select_for_update().filter(key=key).order_by("version"))


def _fresh(item: Versioned) -> Versioned:
    """Lock the item's versions and return this version as stored now."""
    for row in _lock_key(type(item), item.key):
        if row.pk == item.pk:
            return row
    raise WorkflowError("This version no longer exists.")


def _log(item: Versioned, action: str, user: User, before: str, **after) -> None:
    """One change log entry for a status change, naming the version and its new status."""
    status = {"status": item.get_status_display(), **after}
    _record(item, action, user, {"status": Status(before).label}, status)


def _record(item: Versioned, action: str, user: User, before: dict, after: dict) -> None:
    """An entry on the item's history (its key, not the version's row), naming the version."""
    changelog.record(
        item,
        action,
        user,
        object_type=item.kind,
        object_id=item.key,
        before=before,
        after={"version": item.version, **after},
    )


# --- Editing ---------------------------------------------------------------------------------


def save_edit(form: ModelForm, user: User, proof_points: BaseInlineFormSet | None = None):
    """Save a valid edit form: a new item, an edit in place, or a new draft version.

    `form.instance` already carries the submitted values. For a pillar, `proof_points` is its
    valid inline formset. Returns the version that was written; the search index follows in
    the same transaction.
    """
    roles.require_editor(user)
    with transaction.atomic():
        item = _save_edit(form, user, proof_points)
        search.sync(item)
    return item


def _save_edit(form: ModelForm, user: User, proof_points: BaseInlineFormSet | None):
    item: Versioned = form.save(commit=False)  # also prepares form.save_m2m()
    logged = [name for name in form.Meta.fields if name != "change_note"]
    with transaction.atomic():
        if item.pk is None:
            model = type(item)
            highest = model.objects.filter(key=item.key).aggregate(n=Max("version"))["n"]
            item.version = (highest or 0) + 1
            item.created_by = user
            item.save()
            form.save_m2m()
            if proof_points is not None:
                _save_proof_points(proof_points, item, as_copies=False)
            _log_edit(item, ChangeLog.Action.CREATE, user, {}, _snapshot(item, logged))
            return item

        stored = _fresh(item)
        before = _snapshot(stored, logged)
        if stored.is_open:
            # A draft is edited in place; a version in review goes back to draft, unsigned.
            item.status = Status.DRAFT
            if isinstance(item, TwoSignatures):
                item.clear_signatures()
            item.save()
            form.save_m2m()
            if proof_points is not None:
                _save_proof_points(proof_points, item, as_copies=False)
            after = _snapshot(item, logged)
            if stored.status != item.status:
                before["status"], after["status"] = stored.get_status_display(), "Draft"
            _log_edit(item, ChangeLog.Action.EDIT, user, *changelog.changed(before, after))
            return item

        # Approved or retired: what sales sees stays untouched; the edit becomes a new draft.
        if type(item).objects.filter(key=item.key).open().exists():
            raise WorkflowError("This item already has a draft. Edit that draft instead.")
        _make_new_version(item, user)
        item.save()
        form.save_m2m()
        if proof_points is not None:
            _save_proof_points(proof_points, item, as_copies=True)
        changes = changelog.changed(before, _snapshot(item, logged))
        was, now = {"version": stored.version}, {"version": item.version}
        _log_edit(item, ChangeLog.Action.NEW_VERSION, user, was | changes[0], now | changes[1])
        return item


# How long a second identical "New …" form counts as the same one sent again.
RESUBMIT_WINDOW = timedelta(minutes=10)


def resubmitted(
    form: ModelForm, user: User, proof_points: BaseInlineFormSet | None = None
) -> Versioned | None:
    """The draft this person saved from an identical "New …" form moments ago, if any: the
    browser's Back and a second Save must not make a second item. Identical means every
    field, the pillars ticked and the proof points too: a form changed after Back is a new
    item, never a change thrown away."""
    model = form._meta.model
    fields = [name for name in form.Meta.fields if name in form.cleaned_data]
    plain = [name for name in fields if not model._meta.get_field(name).many_to_many]
    recent = timezone.now() - RESUBMIT_WINDOW
    twins = model.objects.filter(
        created_by=user,
        version=1,
        status=Status.DRAFT,
        created_at__gte=recent,
        **{name: form.cleaned_data[name] for name in plain},
    )
    for twin in twins.order_by("-pk")[:5]:
        same_links = all(
            {item.pk for item in form.cleaned_data[name]}
            == set(getattr(twin, name).values_list("pk", flat=True))
            for name in fields
            if name not in plain
        )
        if same_links and _points(proof_points) == _stored_points(twin):
            return twin
    return None


def _points(formset: BaseInlineFormSet | None) -> list[tuple]:
    if formset is None:
        return []
    kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    return [
        (f.cleaned_data["claim"], f.cleaned_data["evidence"], f.cleaned_data["source_url"])
        for f in kept
    ]


def _stored_points(item: Versioned) -> list[tuple]:
    if not isinstance(item, Pillar):
        return []
    return list(
        item.proof_points.order_by("order", "pk").values_list("claim", "evidence", "source_url")
    )


def _snapshot(item: Versioned, fields: list[str]) -> dict:
    """The readable values of an item's form fields (a pillar's proof points as claims)."""
    values = changelog.snapshot(item, fields)
    if isinstance(item, Pillar):
        claims = item.proof_points.order_by("order", "pk").values_list("claim", flat=True)
        values["proof_points"] = list(claims)
    return values


def _log_edit(item: Versioned, action: str, user: User, before: dict, after: dict) -> None:
    """What an edit changed, on the item's history (its key), naming the version it wrote."""
    if action == ChangeLog.Action.EDIT and not after:
        return  # saved unchanged
    _record(item, action, user, before, after)


def _save_proof_points(formset: BaseInlineFormSet, pillar: Pillar, as_copies: bool) -> None:
    """Write the formset's proof points to `pillar`, numbered in the order of the form.

    `as_copies` is for a new version: the rows shown belong to the old version and stay there.
    """
    kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    for position, point_form in enumerate(kept):
        point = point_form.save(commit=False)
        if as_copies:
            point.pk = None
            point._state.adding = True
        point.pillar = pillar
        point.order = position
        point.save()
    if not as_copies:
        for point_form in formset.deleted_forms:
            if point_form.instance.pk:
                point_form.instance.delete()


def _make_new_version(item: Versioned, user: User) -> None:
    """Turn the in-memory `item` into an unsaved new draft version of its key."""
    highest = type(item).objects.filter(key=item.key).aggregate(n=Max("version"))["n"] or 0
    item.pk = None
    item.id = None
    item._state.adding = True
    item.version = highest + 1
    item.status = Status.DRAFT
    item.created_by = user
    item.created_at = None
    item.approved_at = item.approved_by = item.retired_at = None
    if isinstance(item, TwoSignatures):
        item.clear_signatures()


def new_draft(item: Versioned, user: User, **changes) -> Versioned:
    """Start a new draft version from `item`, copying its content, proof points and pillars.

    `changes` are field values for the new version (`change_note="…"`).
    """
    roles.require_editor(user)
    model = type(item)
    with transaction.atomic():
        _lock_key(model, item.key)
        if model.objects.filter(key=item.key).open().exists():
            raise WorkflowError("This item already has a draft. Edit that draft instead.")
        source_pk = item.pk
        draft = model.objects.get(pk=source_pk)
        _make_new_version(draft, user)
        draft.change_note = ""
        for name, value in changes.items():
            setattr(draft, name, value)
        draft.save()
        if isinstance(draft, Pillar):
            ProofPoint.objects.bulk_create(
                ProofPoint(
                    pillar=draft,
                    claim=point.claim,
                    evidence=point.evidence,
                    source_url=point.source_url,
                    order=point.order,
                )
                for point in ProofPoint.objects.filter(pillar_id=source_pk)
            )
        if isinstance(draft, PersonaMessage):
            draft.pillars.set(Pillar.objects.filter(persona_messages__pk=source_pk))
        search.sync(draft)
    return draft


# --- Review and approval ---------------------------------------------------------------------


def submit(item: Versioned, user: User) -> Versioned:
    """Send a draft for review."""
    roles.require_editor(user)
    with transaction.atomic():
        item = _fresh(item)
        if item.status != Status.DRAFT:
            raise WorkflowError("Only a draft can be submitted for review.")
        item.status = Status.REVIEW
        item.save(update_fields=["status", "updated_at"])
        _log(item, ChangeLog.Action.SUBMIT, user, Status.DRAFT)
        notify.sign_off_requested(item, user)
    return item


def _check_unchanged(item: Versioned, read: str | None, verb: str) -> None:
    """Refuse when the text is not what the person read (`read`: the page's content_digest;
    None for callers that show no page, such as the demo data)."""
    if read is not None and read != item.content_digest():
        raise WorkflowError(
            f"This version was changed after you opened it. Read it again, then {verb}."
        )


def approve(item: Versioned, user: User, *, read: str | None = None) -> Versioned:
    """Approve a one-step item in review (a Marketing member's decision)."""
    if not roles.can_sign_for_marketing(user):
        raise PermissionDenied("Only a Marketing member approves messaging.")
    if item.needs_two_signatures:
        raise WorkflowError("This needs a Marketing and a Sales signature, not an approval.")
    with transaction.atomic():
        item = _fresh(item)
        if item.status != Status.REVIEW:
            raise WorkflowError("Only a version in review can be approved.")
        _check_unchanged(item, read, "approve it")
        if isinstance(item, Boilerplate):
            _check_length_is_free(item)
        if isinstance(item, RetiredWording):
            _check_phrase_is_free(item)
        _make_current(item, user)
        _log(item, ChangeLog.Action.APPROVE, user, Status.REVIEW)
    return item


def _check_length_is_free(item: Boilerplate) -> None:
    """Sales sees one boilerplate per length (a constraint holds it); say so before it fails."""
    taken = Boilerplate.objects.approved().filter(length=item.length).exclude(key=item.key)
    if taken.exists():
        raise WorkflowError(
            f"Another {item.length}-word boilerplate is approved. Retire it first, "
            "or edit that one instead."
        )


def _check_phrase_is_free(item: RetiredWording) -> None:
    """One approved entry per phrase (a constraint holds it); say so before it fails."""
    taken = (
        RetiredWording.objects.approved()
        .filter(RetiredWording.same_phrase(item.phrase))
        .exclude(key=item.key)
    )
    if taken.exists():
        raise WorkflowError(
            f"“{item.phrase}” is already approved as retired wording. Edit that entry instead."
        )


def sides_open_to(item: Versioned, user: User) -> list[Side]:
    """The signatures `user` could still give on `item` (empty when they can give none)."""
    if not item.needs_two_signatures or item.status != Status.REVIEW:
        return []
    if user.pk in (item.marketing_signed_by_id, item.sales_signed_by_id):
        return []  # one person, one signature
    sides: list[Side] = []
    if item.marketing_signed_by_id is None and roles.can_sign_for_marketing(user):
        sides.append("marketing")
    if item.sales_signed_by_id is None and roles.can_sign_for_sales(user):
        sides.append("sales")
    return sides


def sign(
    item: Versioned, user: User, side: Side | None = None, *, read: str | None = None
) -> Versioned:
    """Give one signature on a positioning or glossary version in review.

    Without `side`, the side still missing that `user` may sign is chosen. The second
    signature approves the version. One person never supplies both signatures.
    """
    if not item.needs_two_signatures:
        raise WorkflowError("Marketing approves this in one step; it takes no signatures.")
    if side is not None and side not in SIDE_LABELS:
        raise WorkflowError("Choose Marketing or Sales.")
    may = {
        "marketing": roles.can_sign_for_marketing(user),
        "sales": roles.can_sign_for_sales(user),
    }
    if side is not None and not may[side]:
        raise PermissionDenied(f"You cannot sign for {SIDE_LABELS[side]}.")
    if not any(may.values()):
        raise PermissionDenied("You cannot sign messaging.")
    with transaction.atomic():
        item = _fresh(item)
        if item.status != Status.REVIEW:
            raise WorkflowError("Only a version in review can be signed.")
        _check_unchanged(item, read, "sign it")
        if user.pk in (item.marketing_signed_by_id, item.sales_signed_by_id):
            raise WorkflowError(
                "You have already signed this version. The other signature must come from "
                "someone else: one person cannot sign for both Marketing and Sales."
            )
        open_sides = sides_open_to(item, user)
        if side is None:
            if not open_sides:
                raise WorkflowError("The signature you could give is already there.")
            side = open_sides[0]
        elif side not in open_sides:
            raise WorkflowError(f"{SIDE_LABELS[side]} has already signed this version.")
        now = timezone.now()
        setattr(item, f"{side}_signed_by", user)
        setattr(item, f"{side}_signed_at", now)
        item.save(update_fields=[f"{side}_signed_by", f"{side}_signed_at", "updated_at"])
        if item.marketing_signed_by_id and item.sales_signed_by_id:
            _make_current(item, user)
        _log(item, ChangeLog.Action.SIGN, user, Status.REVIEW, side=SIDE_LABELS[side])
    return item


def _make_current(item: Versioned, user: User) -> None:
    """Approve `item` and retire the version it replaces. Caller holds the key's lock."""
    model = type(item)
    now = timezone.now()
    previous = model.objects.filter(key=item.key, status=Status.APPROVED).exclude(pk=item.pk)
    # Retire first: the partial unique constraint allows one approved version per key.
    previous.update(status=Status.RETIRED, retired_at=now, updated_at=now)
    item.status = Status.APPROVED
    item.approved_at = now
    item.approved_by = user
    item.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    if isinstance(item, Pillar):
        # Every other version: the approved one it replaces, and retired ones when a pillar
        # that was retired comes back (its links stayed on the retired version).
        replaced = list(
            model.objects.filter(key=item.key).exclude(pk=item.pk).values_list("pk", flat=True)
        )
        if replaced:
            _move_message_links(replaced, item)
            pillar_approved.send(sender=Pillar, pillar=item, replaced=replaced)
    if isinstance(item, RetiredWording):
        _announce_wording_change()
    # The approved text replaces the retired one in the index, in this transaction.
    search.sync(item)


def _announce_wording_change() -> None:
    """Once the change is committed, tell listeners (the collateral drift check) that the
    approved retired wording changed; a rolled-back change announces nothing."""
    transaction.on_commit(lambda: wording_changed.send(sender=RetiredWording))


def _move_message_links(old_pillar_ids: list[int], pillar: Pillar) -> None:
    """Messages that leaned on an old pillar version now lean on the new one, and their
    documents name it.

    Retired messages keep their links: their history shows what they leaned on then.
    """
    through = PersonaMessage.pillars.through
    links = through.objects.filter(pillar_id__in=old_pillar_ids).exclude(
        personamessage__status=Status.RETIRED
    )
    message_ids = set(links.values_list("personamessage_id", flat=True))
    if not message_ids:
        return
    # A message linked to both versions keeps one link (the pair is unique).
    links.filter(personamessage_id__in=pillar.persona_messages.values("pk")).delete()
    links.update(pillar=pillar)
    for message in PersonaMessage.objects.filter(pk__in=message_ids):
        search.sync(message)


def retire(item: Versioned, user: User) -> Versioned:
    """Take an approved item away from sales; its versions stay in history."""
    roles.require_editor(user)
    with transaction.atomic():
        item = _fresh(item)
        if item.status != Status.APPROVED:
            raise WorkflowError("Only the approved version can be retired.")
        item.status = Status.RETIRED
        item.retired_at = timezone.now()
        item.save(update_fields=["status", "retired_at", "updated_at"])
        if isinstance(item, RetiredWording):
            _announce_wording_change()
        _log(item, ChangeLog.Action.RETIRE, user, Status.APPROVED)
        search.sync(item)
    return item
