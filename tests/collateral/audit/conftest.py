"""A small world of known downloads for the audit reports.

Every number the tests assert is worked out by hand from this table. Times are days ago at
local noon unless noted; "not use" rows are recorded but never counted (DESIGN §5a).

   type        status     published  personas       stages
A  deck        published  200d       fiona          decision
B  one-pager   published  300d       olivia, fiona  awareness, consideration
C  whitepaper  published  400d       ivan, dora*    consideration
D  battlecard  published  10d        olivia         decision (in its grace period)
E  case study  published  500d       fiona          awareness
H  datasheet   published  100d       ivan           onboarding
I  deck        published  150d       olivia, dora*  onboarding
F  deck        draft      -          fiona          decision (ignored: draft)
G  datasheet   retired    600d       fiona          decision (ignored: retired)

Downloads:
A  rep 10d 12:00, rep 10d 13:00, rep 20d, rep2 30d, rep 150d; not use: owner 5d
B  manager 100d
C  not use: marketer 10d
E  outsider 50d, lead 40d
H  rep 60d
I  rep2 5d, manager 5d, a since-deleted user 3d
F  rep 5d;  G  rep 5d

* dora is a draft persona. lead is in Sales and Managers. Positioning v2 is approved, v1
retired. Stale data: E review_by 5 days ago, C and E written against v1, H rated 2 and 2
(average exactly 2.0), I rated 1 and 5 (average 3.0), F and G past review (not published).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from collateral.models import Asset, AssetVersion, BuyingStage, Download, Feedback
from messaging.models import Positioning
from personas.models import Persona
from personas.roles import MANAGERS, SALES
from tests.conftest import make_user


def days_ago(days: int, hour: int = 12, minute: int = 0) -> datetime:
    """Local wall-clock time `days` days before today, so two rows on one day stay on it."""
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_persona(slug: str, name: str, status: str = Persona.Status.PUBLISHED) -> Persona:
    return Persona.objects.create(
        slug=slug, name=name, status=status, buying_role=Persona.BuyingRole.USER, summary="-"
    )


def make_positioning(version: int, status: str, **signatures) -> Positioning:
    return Positioning.objects.create(
        version=version,
        status=status,
        value_proposition="Fewer exceptions, faster dispatch.",
        target_customer="Mid-market logistics",
        need="Fewer dispatch exceptions",
        category="Workflow automation",
        benefit="Exceptions routed in minutes",
        alternative="Spreadsheets",
        differentiator="Live in weeks",
        elevator_pitch="Brightline Flow routes exceptions.",
        **signatures,
    )


def make_asset(title: str, asset_type: str, owner: User, **fields) -> Asset:
    personas = fields.pop("personas", [])
    stages = fields.pop("stages", [])
    asset = Asset.objects.create(title=title, asset_type=asset_type, owner=owner, **fields)
    version = AssetVersion.objects.create(
        asset=asset,
        number=1,
        file=f"collateral/{asset.uuid.hex}.pdf",
        original_filename=f"{title}.pdf",
        size=1000,
        sha256="0" * 64,
        content_type="application/pdf",
        extension="pdf",
        uploaded_by=owner,
    )
    asset.current_version = version
    asset.save(update_fields=["current_version"])
    asset.personas.set(personas)
    asset.stages.set(BuyingStage.objects.filter(slug__in=stages))
    return asset


def download(asset: Asset, user: User | None, when: datetime, is_use: bool = True) -> Download:
    return Download(
        asset=asset,
        version=asset.current_version,
        user=user,
        downloaded_at=when,
        is_use=is_use,
        source=Download.Source.LIBRARY,
    )


@dataclass
class World:
    users: dict[str, User]
    personas: dict[str, Persona]
    assets: dict[str, Asset]
    positionings: dict[int, Positioning] = field(default_factory=dict)

    def titles(self, *letters: str) -> list[str]:
        return [self.assets[letter].title for letter in letters]


@pytest.fixture
def world(db, settings, rep, manager, marketer, outsider) -> World:
    settings.ONEVOICE_UNUSED_GRACE_DAYS = 30
    users = {
        "rep": rep,
        "manager": manager,
        "marketer": marketer,
        "outsider": outsider,
        "rep2": make_user("rep2", SALES),
        "lead": make_user("lead", SALES, MANAGERS),
        "gone": make_user("gone", SALES),
    }
    personas = {
        "fiona": make_persona("finance-fiona", "Finance Fiona"),
        "ivan": make_persona("integration-ivan", "Integration Ivan"),
        "olivia": make_persona("operations-olivia", "Operations Olivia"),
        "dora": make_persona("draft-dora", "Draft Dora", Persona.Status.DRAFT),
    }
    old = make_positioning(1, "retired")
    current = make_positioning(2, "approved", marketing_signed_by=marketer, sales_signed_by=rep)
    owner = marketer
    fiona, ivan, olivia, dora = (personas[k] for k in ("fiona", "ivan", "olivia", "dora"))
    published = Asset.Status.PUBLISHED
    today = timezone.localdate()
    specs = {
        "A": ("Payback calculator", "deck", 200, [fiona], ["decision"], {"positioning": current}),
        "B": (
            "Exceptions one-pager",
            "one_pager",
            300,
            [olivia, fiona],
            ["awareness", "consideration"],
            {"review_by": today + timedelta(days=30)},
        ),
        "C": (
            "ERP integration whitepaper",
            "whitepaper",
            400,
            [ivan, dora],
            ["consideration"],
            {"positioning": old},
        ),
        "D": ("New dispatch battlecard", "battlecard", 10, [olivia], ["decision"], {}),
        "E": (
            "Old carrier case study",
            "case_study",
            500,
            [fiona],
            ["awareness"],
            {"positioning": old, "review_by": today - timedelta(days=5)},
        ),
        "H": (
            "Low rated SSO datasheet",
            "datasheet",
            100,
            [ivan],
            ["onboarding"],
            {"positioning": current},
        ),
        "I": (
            "Warehouse rollout deck",
            "deck",
            150,
            [olivia, dora],
            ["onboarding"],
            {"positioning": current, "review_by": today + timedelta(days=60)},
        ),
    }
    assets = {}
    for letter, (title, kind, age, on_personas, stages, extra) in specs.items():
        assets[letter] = make_asset(
            title,
            kind,
            owner,
            status=published,
            published_at=days_ago(age, 9),
            created_at=days_ago(age + 3, 9),
            personas=on_personas,
            stages=stages,
            **extra,
        )
    assets["F"] = make_asset(
        "Draft pricing deck",
        "deck",
        owner,
        personas=[fiona],
        stages=["decision"],
        review_by=today - timedelta(days=10),
    )
    assets["G"] = make_asset(
        "Retired rate-card datasheet",
        "datasheet",
        owner,
        status=Asset.Status.RETIRED,
        published_at=days_ago(600, 9),
        personas=[fiona],
        stages=["decision"],
        review_by=today - timedelta(days=10),
    )
    a, b, c, e, h, i = (assets[k] for k in "ABCEHI")
    u = users
    Download.objects.bulk_create(
        [
            download(a, u["rep"], days_ago(10, 12)),
            download(a, u["rep"], days_ago(10, 13)),
            download(a, u["rep"], days_ago(20)),
            download(a, u["rep2"], days_ago(30)),
            download(a, u["rep"], days_ago(150)),
            download(a, owner, days_ago(5), is_use=False),
            download(b, u["manager"], days_ago(100)),
            download(c, u["marketer"], days_ago(10), is_use=False),
            download(e, u["outsider"], days_ago(50)),
            download(e, u["lead"], days_ago(40)),
            download(h, u["rep"], days_ago(60)),
            download(i, u["rep2"], days_ago(5)),
            download(i, u["manager"], days_ago(5)),
            download(i, u["gone"], days_ago(3)),
            download(assets["F"], u["rep"], days_ago(5)),
            download(assets["G"], u["rep"], days_ago(5)),
        ]
    )
    # A user deleted after downloading leaves the row with no user (SET_NULL).
    u.pop("gone").delete()
    Feedback.objects.bulk_create(
        [
            Feedback(asset=h, user=u["rep"], rating=2),
            Feedback(asset=h, user=u["rep2"], rating=2),
            Feedback(asset=i, user=u["rep"], rating=1),
            Feedback(asset=i, user=u["rep2"], rating=5),
        ]
    )
    return World(users=users, personas=personas, assets=assets, positionings={1: old, 2: current})
