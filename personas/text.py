"""What counts as readable text in a form, for every app (personas is the lowest layer).

A title typed as nothing but zero-width spaces passes Django's `strip()` and `required` checks
yet shows as nothing: an asset nobody can click, a persona with no name. Forms that name
things use `VisibleTextForm` so such text is refused with a clear error, and their text is
stored one way whatever the browser or the clipboard sent (see `tidy`).
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

# Control, format (zero-width space, joiners, BOM, bidi marks), separators, combining marks
# on their own, private-use, surrogates and unassigned code points: none shows a glyph alone.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols that render as blank space although their category says otherwise.
BLANK_GLYPHS = frozenset("\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
# Removed from every text: bidi embeddings, overrides and isolates (pasted from a
# right-to-left source they reverse the app's own words around the name: "Published
# ...") and the zero-width space, word joiner and BOM (nothing to see, but two names that
# look the same no longer compare equal). Joiners stay: scripts and emoji need them.
DROPPED = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
DROPPED.update(dict.fromkeys(map(ord, "\u200b\u2060\ufeff")))
# Stripped from either end of one-line text: joiners, direction marks and a soft hyphen show
# nothing there. (Not every format character: tag characters end a subdivision flag emoji.)
EDGE_INVISIBLES = "\u200c\u200d\u200e\u200f\u061c\u00ad \t"
SPACES = re.compile(r"[^\S\n]+")  # any run of whitespace but line breaks


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
                one_line = not isinstance(field.widget, forms.Textarea)
                field.to_python = _tidied(field.to_python, one_line)


def tidy(value: str, one_line: bool) -> str:
    """`value` as stored: line breaks as "\n", composed (NFC: "i" + a combining grave is
    "ì"), without the DROPPED characters; on one line, every kind of space (a non-breaking
    one pasted from Word) as one plain space, and no joiner or direction mark at either end.

    Names are compared to find namesakes, so "Finance\u00a0Fiona" must be "Finance Fiona".
    Line breaks: browsers send "\r\n", so an unchanged list saved from the page was recorded
    as changed, and text the browser let through at a textarea's maxlength (which counts a
    line break once) failed max_length by its line count.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", value).translate(DROPPED)
    if one_line:
        value = SPACES.sub(" ", value).strip()
        value = value.strip(EDGE_INVISIBLES).strip()
    return value


def _tidied(to_python, one_line: bool):
    """The field's own conversion, then `tidy`; text that shows nothing is left as sent, for
    validate_visible to refuse in words ("looks blank") rather than as a missing value."""

    def convert(value):
        value = to_python(value)
        if isinstance(value, str) and value and not looks_blank(value):
            return tidy(value, one_line)
        return value

    return convert
