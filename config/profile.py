"""/accounts/profile/: each person picks "my personas" and how OneVoice mails them."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from personas.models import Persona
from personas.people import Profile, profile_for


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["personas", "mail"]
        widgets = {
            "personas": forms.CheckboxSelectMultiple,
            "mail": forms.RadioSelect,
        }
        help_texts = {
            "mail": "Immediately: when a sign-off waits for your side or Marketing answers your "
            "request, plus the daily digest. Daily digest: one mail a day with your outdated "
            "copies, what is due for review and what is new.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["personas"].queryset = Persona.objects.published().order_by("name")


def profile(request: HttpRequest) -> HttpResponse:
    """Show and save the signed-in person's choices (POST saves, then redirects)."""
    if request.method == "POST":
        # Created here, not by the form's save: two tabs saving at once must not both insert.
        current, _ = Profile.objects.get_or_create(user=request.user)
    else:
        current = profile_for(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Your choices are saved.")
        return redirect("profile")
    return render(request, "profile.html", {"form": form})
