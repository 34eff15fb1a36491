"""The library's filters, read from the URL (the parameter contract in the brief):
`?q=&persona=<slug>&stage=<slug>&type=&pillar=<Pillar.key>&owner=<username>&status=&sort=`.

A filter with an unknown value is shown as a form error and ignored; the others still apply.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef
from django.http import QueryDict

from collateral.models import Asset, BuyingStage
from collateral.querysets import AssetQuerySet
from messaging.models import Pillar
from messaging.models import Status as MessagingStatus
from personas import roles
from personas.models import Persona

SORT_CHOICES = [
    ("newest", "Newest first"),
    ("downloads", "Most downloaded"),
    ("rating", "Best rated"),
]


@dataclass(frozen=True)
class Chip:
    """An active filter shown above the results, with the link that removes it."""

    label: str
    value: str
    remove_url: str


class OwnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return user.get_full_name() or user.username


# Filters a bad value of which is dropped with a note (see LibraryFilterForm.__init__).
DROPPED = ("persona", "stage", "type", "pillar", "owner", "status")


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label="Search", max_length=200, required=False)
    persona = forms.ModelChoiceField(
        queryset=Persona.objects.none(), to_field_name="slug", required=False, empty_label="All"
    )
    stage = forms.ModelChoiceField(
        queryset=BuyingStage.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All",
    )
    type = forms.ChoiceField(required=False)
    pillar = forms.ChoiceField(required=False)
    owner = OwnerChoice(
        queryset=User.objects.none(), to_field_name="username", required=False, empty_label="All"
    )
    status = forms.ChoiceField(required=False)
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False)

    def __init__(self, data: QueryDict, *, user: User):
        super().__init__(data)
        self.show_status = roles.can_edit(user)
        self.fields["persona"].queryset = Persona.objects.visible_to(user).order_by("name")
        self.fields["stage"].queryset = BuyingStage.objects.order_by("order")
        self.fields["type"].choices = [("", "All"), *Asset.Type.choices]
        # Pillars are versioned; the filter is by key, labelled with the approved name.
        pillars = Pillar.objects.filter(status=MessagingStatus.APPROVED).order_by("order", "name")
        self.fields["pillar"].choices = [("", "All")] + [
            (str(pillar.key), pillar.name) for pillar in pillars
        ]
        # EXISTS per user (a probe of the owner index each), not a DISTINCT over a join
        # with every asset: 20 ms at 10k assets.
        owns = Asset.objects.filter(owner_id=OuterRef("pk"))
        self.fields["owner"].queryset = User.objects.filter(Exists(owns)).order_by("first_name")
        if self.show_status:
            self.fields["status"].choices = [("", "All"), *Asset.Status.choices]
        else:
            del self.fields["status"]
        # A filter that does not validate is left out (an old link, an archived persona):
        # say so in words, as search does, not with the generic "Select a valid choice".
        for name in DROPPED:
            if name in self.fields:
                self.fields[name].error_messages["invalid_choice"] = (
                    f"That {name} is not available, so every {name} is shown."
                )
        self.fields["sort"].error_messages["invalid_choice"] = (
            "That order is not available, so the newest come first."
        )
        self.is_valid()  # fills cleaned_data with the fields that are valid

    @property
    def sort_order(self) -> str:
        return self.cleaned_data.get("sort") or "newest"

    def filter(self, assets: AssetQuerySet) -> AssetQuerySet:
        data = self.cleaned_data
        return assets.matching(
            q=(data.get("q") or "").strip(),
            persona=data.get("persona"),
            stage=data.get("stage"),
            asset_type=data.get("type") or "",
            pillar_key=data.get("pillar") or None,
            owner=data.get("owner"),
            status=data.get("status") or "",
        ).sorted_by(self.sort_order)

    def chips(self) -> list[Chip]:
        """The active filters, each with a URL that drops it (and resets the page)."""
        chips = []
        for name in ["q", "persona", "stage", "type", "pillar", "owner", "status"]:
            value = self.cleaned_data.get(name)
            if not value or name not in self.fields:
                continue
            field = self.fields[name]
            if name == "q":
                text = f"“{value}”"
            elif isinstance(field, forms.ModelChoiceField):
                text = field.label_from_instance(value)
            else:
                text = dict(field.choices).get(value, value)
            params = self.data.copy()
            params.pop(name, None)
            params.pop("page", None)
            chips.append(Chip(str(field.label or name.title()), str(text), _query(params)))
        return chips

    @property
    def is_filtered(self) -> bool:
        return bool(self.chips())


def _query(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
