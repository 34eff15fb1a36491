"""Forms for personas: the profile editor and the list filters."""

from django import forms
from django.utils.text import slugify

from personas.images import ACCEPT_ATTRIBUTE, MAX_PHOTO_BYTES, ProcessedPhoto, validate_and_process
from personas.models import Persona
from personas.stale import RefusesStaleSaves
from personas.text import VisibleTextForm

# Words that are page addresses of their own under /personas/.
RESERVED_SLUGS = {"new"}

LIST_FIELDS = [
    "job_titles",
    "goals",
    "pains",
    "priority_initiatives",
    "success_factors",
    "perceived_barriers",
    "decision_criteria",
    "objections",
    "channels",
]


class PersonaForm(RefusesStaleSaves, VisibleTextForm, forms.ModelForm):
    """Create or edit a persona. `cleaned_data["photo"]` is a `ProcessedPhoto` (or None); a
    save from a page opened before someone else's save is refused once (personas.stale)."""

    photo = forms.FileField(
        required=False,
        label="Photo",
        help_text=(
            f"JPEG, PNG or WebP, up to {MAX_PHOTO_BYTES // (1024 * 1024)} MB. We keep a cleaned "
            "copy (no location or camera data) and make a square thumbnail from its centre."
        ),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    remove_photo = forms.BooleanField(
        required=False, label="Remove the current photo (show initials instead)"
    )

    class Meta:
        model = Persona
        fields = [
            "name",
            "slug",
            "job_titles",
            "segment",
            "company_size",
            "buying_role",
            "summary",
            "quote",
            "goals",
            "pains",
            "priority_initiatives",
            "success_factors",
            "decision_criteria",
            "perceived_barriers",
            "objections",
            "channels",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "quote": forms.TextInput(),
            # Suggests the segments already in use (a <datalist> in the template), so the
            # list filter does not split "Logistics" and "logistics".
            "segment": forms.TextInput(attrs={"list": "segment-options"}),
            **{name: forms.Textarea(attrs={"rows": 6}) for name in LIST_FIELDS},
            "job_titles": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": "Used in the page address. Leave empty to make one from the name.",
            "priority_initiatives": "What makes them look for a solution now. One a line.",
            "success_factors": "What a good outcome looks like to them. One a line.",
            "perceived_barriers": "What makes them doubt us or stall. One a line.",
            "decision_criteria": "How they compare options. One a line.",
            "objections": "What they say against buying, in their words. One a line.",
            "channels": "Where to reach them: events, publications, communities. One a line.",
        }

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["company_size"].choices = [("", "Not specified"), *Persona.CompanySize.choices]
        if not self.instance.photo:
            del self.fields["remove_photo"]

    def clean_name(self) -> str:
        """Two personas with one name cannot be told apart in the lists and filters that
        name them (the upload form, the library, the profile); archived ones are in none."""
        name = self.cleaned_data["name"]
        probe = Persona(pk=self.instance.pk, name=name)
        if name and probe.namesake() is not None:
            raise forms.ValidationError(
                "Another persona is already called “%(name)s”. Add what sets this one apart, "
                "e.g. “%(name)s (enterprise)”.",
                code="unique",
                params={"name": name.strip()},
            )
        return name

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].lower()
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                "“%(slug)s” is reserved. Please choose another address.",
                code="reserved",
                params={"slug": slug},
            )
        if slug and Persona.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists():
            raise forms.ValidationError(
                "Another persona already uses the address “%(slug)s”. Please choose another.",
                code="unique",
                params={"slug": slug},
            )
        return slug

    def changed_message(self) -> str:
        return (
            "Someone else saved this persona after you opened it. Your text is kept below. "
            "Check the persona's history, then save again to keep yours."
        )

    def clean_photo(self) -> ProcessedPhoto | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return validate_and_process(upload)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name") and "slug" not in self.errors:
            cleaned["slug"] = self._slug_from_name(cleaned["name"])
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            self.add_error(
                "remove_photo", "Either upload a new photo or remove the current one, not both."
            )
        return cleaned

    def _slug_from_name(self, name: str) -> str:
        """A free slug made from the name: "operations-olivia", then "-2", "-3", ..."""
        max_length = Persona._meta.get_field("slug").max_length
        base = slugify(name)[: max_length - 4].strip("-") or "persona"
        if base in RESERVED_SLUGS:
            base = f"{base}-persona"
        taken = set(
            Persona.objects.exclude(pk=self.instance.pk)
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


class PersonaFilterForm(forms.Form):
    """The list page's filters; every value lives in the URL so a filtered list can be shared."""

    segment = forms.ChoiceField(required=False, label="Segment")
    buying_role = forms.ChoiceField(
        required=False,
        label="Buying role",
        choices=[("", "All buying roles"), *Persona.BuyingRole.choices],
    )
    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[("", "All statuses"), *Persona.Status.choices],
    )

    def __init__(self, data, *, segments: list[str], show_status: bool) -> None:
        super().__init__(data)
        self.fields["segment"].choices = [("", "All segments"), *((s, s) for s in segments)]
        if not show_status:
            del self.fields["status"]

    def filter(self, queryset):
        """Apply the valid filters; an unknown value (an old link) is ignored, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        for name in ("segment", "buying_role", "status"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        return queryset
