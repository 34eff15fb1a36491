"""Edit forms that refuse, once, a save from a page opened before someone else's save.

Two people editing the same persona or messaging draft both saw "Saved", and the first
one's change was gone (or a form opened on an older approved version built the next draft
from it). Such a form carries `seen`, what the stored object was when the page was drawn
(`seen_token()`, computed before the posted values touch the instance). A save whose `seen`
is out of date is refused with everything typed kept, and the form then carries the current
token, so saving again is a deliberate "mine wins". A post without `seen` (a script, a page
from before this check) is not checked.
"""

from django import forms


class RefusesStaleSaves(forms.BaseForm):
    """A form mixin; subclasses define `changed_message()`, and a plain Form (no `instance`)
    also `edits_stored_object()` and `seen_token()`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.current_token = self.seen_token() if self.edits_stored_object() else ""
        self.initial["seen"] = self.current_token

    def edits_stored_object(self) -> bool:
        """False on a form that creates: there is nothing anyone else could have saved."""
        return self.instance.pk is not None

    def seen_token(self) -> str:
        """A model form's default: the object's last save (any save, a status change too)."""
        return self.instance.updated_at.isoformat()

    def changed_message(self) -> str:
        raise NotImplementedError

    def clean(self) -> dict:
        cleaned = super().clean()
        name = self.add_prefix("seen")
        claimed = self.is_bound and name in self.data
        if claimed and self.current_token and cleaned.get("seen") != self.current_token:
            self.data = self.data.copy()
            self.data[name] = self.current_token
            self.add_error(None, forms.ValidationError(self.changed_message(), code="changed"))
        return cleaned
