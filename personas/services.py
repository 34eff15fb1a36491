"""Changing personas: saving the editor form with its photo, status moves, reviews.

Files and rows move together: new photo files are written inside the transaction and removed
again if it fails; replaced files are deleted only once the new row is committed, so a
rollback never leaves a persona pointing at a deleted file.
"""

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from personas import addresses, changelog, search
from personas.changelog import ChangeLog
from personas.forms import PersonaForm
from personas.images import ProcessedPhoto
from personas.models import Persona


def save_persona(form: PersonaForm, user: User) -> Persona:
    """Save a valid editor form. A new persona starts as a draft owned by `user`."""
    persona = form.save(commit=False)
    creating = persona.pk is None
    processed: ProcessedPhoto | None = form.cleaned_data.get("photo")
    remove = form.cleaned_data.get("remove_photo", False)

    old_files = [f.name for f in (persona.photo, persona.thumbnail) if f]
    logged = list(form.Meta.fields)
    new_files: list[str] = []
    try:
        with transaction.atomic():
            if processed:
                attach_photo(persona, processed, written=new_files)
            elif remove:
                persona.photo = persona.thumbnail = ""
            if creating:
                persona.owner = user
                persona.status = Persona.Status.DRAFT
                persona.reviewed_at = timezone.localdate()
                persona.save()
                addresses.settle(persona)
                changelog.record(persona, ChangeLog.Action.CREATE, user)
            else:
                stored = Persona.objects.get(pk=persona.pk)
                addresses.settle(persona, stored.slug)
                fields = [*form.Meta.fields, "photo", "thumbnail", "updated_at"]
                persona.save(update_fields=fields)
                before, after = changelog.changed(
                    changelog.snapshot(stored, logged), changelog.snapshot(persona, logged)
                )
                if processed or remove:
                    before["photo"], after["photo"] = (
                        "photo" if stored.photo else "none",
                        "new photo" if processed else "none",
                    )
                if after:
                    changelog.record(
                        persona, ChangeLog.Action.EDIT, user, before=before, after=after
                    )
            search.index(persona, renamed=not creating and "name" in form.changed_data)
            if processed or remove:
                delete_files_on_commit(old_files)
    except BaseException:
        # The row was not saved, so the files just written belong to nobody.
        for name in new_files:
            default_storage.delete(name)
        raise
    return persona


def attach_photo(persona: Persona, processed: ProcessedPhoto, written: list[str]) -> None:
    """Store the photo and thumbnail files and point `persona` at them (the row is not saved).

    Each stored name is appended to `written` as soon as it exists, so a caller can clean up.
    """
    # upload_to generates the stored names; the names passed here are ignored.
    persona.photo.save("photo.webp", ContentFile(processed.photo), save=False)
    written.append(persona.photo.name)
    persona.thumbnail.save("thumb.webp", ContentFile(processed.thumbnail), save=False)
    written.append(persona.thumbnail.name)


def delete_files_on_commit(names: list[str]) -> None:
    """Delete stored files once the current transaction commits (never on rollback)."""

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


STATUS_ACTIONS = {
    Persona.Status.PUBLISHED: ChangeLog.Action.PUBLISH,
    Persona.Status.ARCHIVED: ChangeLog.Action.ARCHIVE,
    Persona.Status.DRAFT: ChangeLog.Action.REDRAFT,
}


def change_status(persona: Persona, status: str, user: User) -> bool:
    """Move `persona` to `status`; False when it already was there (a double click).

    Call inside a transaction holding the persona's row lock (the views do)."""
    if persona.status == status:
        return False
    before = persona.get_status_display()
    was_published = persona.is_published
    persona.status = status
    persona.save(update_fields=["status", "updated_at"])
    if was_published != persona.is_published:
        # Asset documents name only published personas: theirs gain or lose this name, as
        # on a rename.
        search.index(persona, renamed=True)
    changelog.record(
        persona,
        STATUS_ACTIONS[status],
        user,
        before={"status": before},
        after={"status": persona.get_status_display()},
    )
    return True


def mark_reviewed(persona: Persona, user: User) -> None:
    """Record that marketing checked the profile today."""
    before = changelog.display(persona.reviewed_at)
    persona.reviewed_at = timezone.localdate()
    persona.save(update_fields=["reviewed_at", "updated_at"])
    changelog.record(
        persona,
        ChangeLog.Action.REVIEWED,
        user,
        before={"reviewed_at": before},
        after={"reviewed_at": changelog.display(persona.reviewed_at)},
    )
