"""Create and edit forms for every messaging kind. The workflow decides how a valid form is
saved (in place or as a new version), see `workflow.save_edit`."""

import json

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory

from messaging.models import (
    Boilerplate,
    GlossaryTerm,
    Objection,
    PersonaMessage,
    Pillar,
    Positioning,
    ProofPoint,
    RetiredWording,
    Status,
)
from personas.models import Persona
from personas.stale import RefusesStaleSaves
from personas.text import VisibleTextForm

CHANGE_NOTE_HELP = "What changed and why, for the history page (e.g. “Tightened the pitch”)."


class VersionedForm(RefusesStaleSaves, VisibleTextForm, forms.ModelForm):
    """The change note is part of every edit, and an edit is of the text the editor saw:
    which version, with which text (`Versioned.edit_token`), see personas.stale. Someone
    else's save in between is an edit of the same draft or a newer approved version."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if "change_note" in self.fields:
            self.fields["change_note"].help_text = CHANGE_NOTE_HELP
            if self.instance.pk and not self.instance.is_open:
                # A new version starts with an empty note, not the note of the one it replaces.
                self.initial["change_note"] = ""

    def seen_token(self) -> str:
        return self.instance.edit_token()

    def changed_message(self) -> str:
        return (
            f"Someone else saved this {self.instance.kind_label} after you opened it (it is "
            f"now version {self.instance.version}). Your text is kept below. Check the "
            "current version, then save again to keep yours."
        )


class PositioningForm(VersionedForm):
    class Meta:
        model = Positioning
        fields = [
            "value_proposition",
            "target_customer",
            "need",
            "category",
            "benefit",
            "alternative",
            "differentiator",
            "elevator_pitch",
            "change_note",
        ]
        labels = {
            "target_customer": "For (target customer)",
            "need": "Who (need or opportunity)",
            "category": "Our product is (category)",
            "benefit": "That (key benefit)",
            "alternative": "Unlike (main alternative)",
            "differentiator": "We (what sets us apart)",
        }
        widgets = {
            "value_proposition": forms.Textarea(attrs={"rows": 3}),
            "elevator_pitch": forms.Textarea(attrs={"rows": 5}),
        }


class PillarForm(VersionedForm):
    class Meta:
        model = Pillar
        fields = ["name", "summary", "order", "change_note"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ProofPointForm(VisibleTextForm, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


ProofPointFormSet = inlineformset_factory(
    Pillar,
    ProofPoint,
    form=ProofPointForm,
    # Proof points keep the order of the form; no number to type.
    fields=["claim", "evidence", "source_url"],
    widgets={"evidence": forms.Textarea(attrs={"rows": 2})},
    extra=2,
    max_num=12,
    validate_max=True,
    can_delete=True,
)


class PillarChoiceField(forms.ModelMultipleChoiceField):
    # The choices are approved versions: a ticked one that got a newer version or was retired
    # after the page was drawn is no longer among them.
    default_error_messages = {
        "invalid_choice": (
            "A pillar you ticked was changed or retired after you opened this page. "
            "Tick the current pillars again."
        ),
    }

    def label_from_instance(self, obj: Pillar) -> str:
        return obj.name


class PersonaMessageForm(VersionedForm):
    pillars = PillarChoiceField(
        queryset=Pillar.objects.approved(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The approved pillars this message leans on.",
    )

    class Meta:
        model = PersonaMessage
        fields = ["persona", "headline", "key_messages", "pillars", "change_note"]
        widgets = {"key_messages": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_personas(self.fields["persona"], self.instance.persona_id)
        self.fields["persona"].empty_label = "Choose a persona"


def offer_personas(field: forms.ModelChoiceField, current_id: int | None) -> None:
    """Every persona not archived, and the one the item is for now even if it was archived
    since: editing the item must not mean moving it to another buyer."""
    offered = ~Q(status=Persona.Status.ARCHIVED)
    if current_id is not None:
        offered |= Q(pk=current_id)
    field.queryset = Persona.objects.filter(offered).order_by("name")
    field.label_from_instance = lambda persona: (
        f"{persona.name} (archived)" if persona.status == Persona.Status.ARCHIVED else persona.name
    )


class BoilerplateForm(VersionedForm):
    """The word budget is checked by `Boilerplate.clean`; the length is fixed once created."""

    class Meta:
        model = Boilerplate
        fields = ["length", "text", "change_note"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low_high = ", ".join(
            f"{length}: {low}–{high}"
            for length in Boilerplate.Length.values
            for low, high in [Boilerplate.word_range(length)]
        )
        percent = round(Boilerplate.TOLERANCE * 100)
        self.fields["text"].help_text = f"Within ±{percent}% of the length, in words ({low_high})."
        # The live word count (static/js/messaging.js) reads the same ranges.
        self.fields["text"].widget.attrs["data-word-ranges"] = json.dumps(
            {length: Boilerplate.word_range(length) for length in Boilerplate.Length.values}
        )
        if self.instance.pk:
            self.fields["length"].disabled = True
            self.fields["length"].help_text = "Fixed: start a new boilerplate for another length."

    def clean_length(self) -> int:
        length = self.cleaned_data["length"]
        if self.instance.pk:
            return length
        taken = Boilerplate.objects.filter(length=length).exclude(status=Status.RETIRED)
        if taken.exists():
            raise forms.ValidationError(
                f"There already is a {length}-word boilerplate. Edit it to start a new version."
            )
        return length


class GlossaryTermForm(VersionedForm):
    class Meta:
        model = GlossaryTerm
        fields = ["term", "definition", "change_note"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 5})}

    def clean_term(self) -> str:
        term = self.cleaned_data["term"].strip()
        same = GlossaryTerm.objects.filter(term__iexact=term).exclude(status=Status.RETIRED)
        if self.instance.pk:
            same = same.exclude(key=self.instance.key)
        if same.exists():
            raise forms.ValidationError(f"“{term}” is already in the glossary.")
        return term


class ObjectionForm(VersionedForm):
    class Meta:
        model = Objection
        fields = ["persona", "objection", "response", "change_note"]
        labels = {"objection": "What the buyer says", "response": "How we answer"}
        widgets = {"response": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_personas(self.fields["persona"], self.instance.persona_id)
        self.fields["persona"].empty_label = "Any buyer"


class RetiredWordingForm(VersionedForm):
    """A phrase to stop saying: blank, too long, word-less or duplicate phrases are refused."""

    class Meta:
        model = RetiredWording
        fields = ["phrase", "replacement", "reason", "change_note"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "phrase": {
                "required": "Write the phrase that must no longer be said.",
                "max_length": (
                    "Keep the phrase to %(limit_value)d characters (it has %(show_value)d): "
                    "the check looks for these exact words, so retire the shortest wording "
                    "that is wrong."
                ),
            },
            "replacement": {"required": "Say what reps should say instead."},
            "reason": {"required": "Say why, so reps can explain the change to a buyer."},
        }

    def clean_phrase(self) -> str:
        phrase = RetiredWording.normalise(self.cleaned_data["phrase"])
        if not any(character.isalnum() for character in phrase):
            raise forms.ValidationError(
                "The phrase needs at least one letter or digit: the check matches whole words."
            )
        same = RetiredWording.objects.filter(RetiredWording.same_phrase(phrase)).exclude(
            status=Status.RETIRED
        )
        if self.instance.pk:
            same = same.exclude(key=self.instance.key)
        if same.exists():
            raise forms.ValidationError(f"“{phrase}” is already on the retired wording list.")
        return phrase


FORMS: dict[str, type[VersionedForm]] = {
    Positioning.kind: PositioningForm,
    Pillar.kind: PillarForm,
    PersonaMessage.kind: PersonaMessageForm,
    Boilerplate.kind: BoilerplateForm,
    GlossaryTerm.kind: GlossaryTermForm,
    Objection.kind: ObjectionForm,
    RetiredWording.kind: RetiredWordingForm,
}


class SignForm(forms.Form):
    """Which side a person with both roles signs for; empty means "the one still missing"."""

    side = forms.ChoiceField(
        choices=[("", "The missing side"), ("marketing", "Marketing"), ("sales", "Sales")],
        required=False,
    )
