"""The change log: one append-only record of who changed what, for every app (DESIGN §5b).

It lives in `personas`, the lowest app, so messaging and collateral can write to it without
the layering turning round (DESIGN §2). The services that make a change call `record()` in
the same transaction as the change; no signal writes it, so a bulk `update()` or a data
migration never leaves a half-truthful trail, and nothing is logged that was not meant as a
change by a person.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from personas import roles


class ChangeLogQuerySet(models.QuerySet):
    """Entries are history: the queryset refuses bulk updates and deletes."""

    def update(self, **kwargs):
        raise PermissionDenied("The change log is append-only.")

    def delete(self):
        raise PermissionDenied("The change log is append-only.")

    def for_object(self, object_type: str, object_id) -> "ChangeLogQuerySet":
        return (
            self.filter(object_type=object_type, object_id=str(object_id))
            .select_related("user")
            .order_by("-created_at", "-pk")
        )


class ChangeLog(models.Model):
    """One change to one object: its type and id, who, when, what, and the changed fields'
    values before and after (`{"title": "Old"}` / `{"title": "New"}`).

    `object_repr` keeps the object's name at the time, so the log reads well even after a
    rename and lists need no join per object type.
    """

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        EDIT = "edit", "Edited"
        PUBLISH = "publish", "Published"
        UNPUBLISH = "unpublish", "Unpublished"
        RETIRE = "retire", "Retired"
        NEW_VERSION = "new_version", "New version"
        REVIEW_DATE = "review_date", "Review date changed"
        ARCHIVE = "archive", "Archived"
        REDRAFT = "redraft", "Back to draft"
        REVIEWED = "reviewed", "Marked reviewed"
        SUBMIT = "submit", "Submitted for review"
        SIGN = "sign", "Signed"
        APPROVE = "approve", "Approved"

    object_type = models.CharField(max_length=40, help_text="e.g. asset, persona, glossary.")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ChangeLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Serves an object's History page: its entries, newest first.
            models.Index(
                fields=["object_type", "object_id", "-created_at"], name="changelog_object_idx"
            ),
            # Serves the managers' change log page and its CSV, newest first.
            models.Index(fields=["-created_at"], name="changelog_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} at {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionDenied("The change log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The change log is append-only.")

    @property
    def changes(self) -> list[tuple[str, object, object, bool]]:
        """(field, before, after, had a value before) for every field the entry names."""
        names = list(self.before) + [name for name in self.after if name not in self.before]
        return [
            (name, self.before.get(name), self.after.get(name), name in self.before)
            for name in names
        ]


def can_read(user) -> bool:
    """Change history is for Marketing, who make the changes, and Managers, who audit them."""
    return roles.can_edit(user) or roles.can_audit(user)


def display(value: object) -> object:
    """A value as JSON can hold it and a person can read it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Iterable):
        return sorted(str(item) for item in value)
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, object]:
    """The readable values of `fields` on `instance`: choice labels, names of related rows,
    sorted names for many-to-many fields (one query each)."""
    values: dict[str, object] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            value = [str(item) for item in getattr(instance, name).all()] if instance.pk else []
        elif field.choices:
            value = getattr(instance, f"get_{name}_display")()
        else:
            value = getattr(instance, name)
            if isinstance(field, models.FileField):
                value = value.name if value else ""
        values[name] = display(value)
    return values


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields whose values differ."""
    names = [name for name in after if before.get(name) != after[name]]
    return {name: before.get(name) for name in names}, {name: after[name] for name in names}


def record(
    obj: models.Model,
    action: str,
    user,
    *,
    before: dict | None = None,
    after: dict | None = None,
    object_type: str | None = None,
    object_id: object = None,
) -> ChangeLog:
    """Append one entry about `obj`. Call it inside the transaction that makes the change."""
    return ChangeLog.objects.create(
        object_type=object_type or obj._meta.model_name,
        object_id=str(object_id if object_id is not None else obj.pk),
        object_repr=str(getattr(obj, "title", None) or obj)[:200],
        user=user if getattr(user, "pk", None) else None,
        action=action,
        before=before or {},
        after=after or {},
    )
