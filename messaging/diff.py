"""Word diffs between two versions of a messaging item, rendered as <ins>/<del> HTML."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from messaging.models import Versioned

# Words (with inner hyphens and apostrophes), runs of whitespace (which keep line breaks), and
# single punctuation marks, so "visit," against "visit" changes only the comma.
TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|\s+|[^\w\s]")
WORD_START = re.compile(r"\s*\w")


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: SafeString
    changed: bool


def _mark(tag: str, hidden_label: str, tokens: list[str]) -> str:
    text = "".join(tokens)
    core = text.strip()
    if not core:
        return escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    # The visually hidden label tells screen reader users what sighted users see in colour.
    return format_html(
        '{lead}<{tag}><span class="visually-hidden">{label} </span>{core}</{tag}>{trail}',
        lead=lead,
        tag=tag,
        label=hidden_label,
        core=core,
        trail=trail,
    )


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words removed since `old` in <del> and the words added in <ins>."""
    before, after = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    parts: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(after[b1:b2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_mark("del", "removed:", before[a1:a2]))
        if op in ("insert", "replace"):
            if op == "replace" and WORD_START.match("".join(after[b1:b2])):
                parts.append(" ")  # keep the removed and the added word apart
            parts.append(_mark("ins", "added:", after[b1:b2]))
    return mark_safe("".join(parts))  # every piece above was escaped


def compare(old: Versioned | None, new: Versioned) -> list[FieldDiff]:
    """A diff per field of `new` against `old` (everything counts as added without `old`)."""
    old_fields = dict(old.diff_fields()) if old is not None else {}
    diffs = []
    for label, text in new.diff_fields():
        before = old_fields.get(label, "")
        diffs.append(FieldDiff(label, word_diff(before, text), changed=before != text))
    return diffs
