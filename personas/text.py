"""What counts as readable text in a form, for every app (personas is the lowest layer).

A title typed as nothing but zero-width spaces passes Django's `strip()` and `required` checks
yet shows as nothing: an asset nobody can click, a persona with no name. Forms that name
things use `VisibleTextForm` so such text is refused with a clear error, and their line
breaks are stored one way whatever the browser sent.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

# Control, format (zero-width space, joiners, BOM, bidi marks), separators, combining marks
# on their own, private-use, surrogates and unassigned code points: none shows a glyph alone.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols that render as blank space although their category says otherwise.
BLANK_GLYPHS = frozenset("\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")


def looks_blank(text: str) -> bool:
    """True when `text` would show as nothing at all (empty text included)."""
    return all(
        unicodedata.category(char) in INVISIBLE_CATEGORIES or char in BLANK_GLYPHS for char in text
    )


def validate_visible(value: str) -> None:
    """Refuse text that has characters but shows none of them."""
    if value and looks_blank(value):
        raise ValidationError(
            "This looks blank: it holds only invisible characters (such as zero-width "
            "spaces). Type text people can read.",
            code="blank_looking",
        )


class VisibleTextForm(forms.BaseForm):
    """A form mixin: every text field of the form refuses blank-looking text.

    Validators do not run on empty values, so optional fields may still be left empty.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(validate_visible)
                field.to_python = _with_newlines(field.to_python)


def _with_newlines(to_python):
    """Line breaks as stored ("\n") before any check: browsers send "\r\n", so an unchanged
    list saved from the page was recorded as changed, and text the browser let through at a
    textarea's maxlength (which counts a line break once) failed max_length by its line count."""

    def convert(value):
        value = to_python(value)
        if isinstance(value, str) and "\r" in value:
            return value.replace("\r\n", "\n").replace("\r", "\n")
        return value

    return convert
