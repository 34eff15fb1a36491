from django.apps import AppConfig


class CollateralConfig(AppConfig):
    name = "collateral"

    def ready(self) -> None:
        # Messaging may not import collateral (DESIGN §2), so it announces with signals:
        # retired wording changed (collateral re-checks every current file), and a pillar
        # version approved (assets mapped to an older version follow it).
        from collateral import search, services
        from collateral.tasks import on_wording_changed
        from messaging.signals import pillar_approved, wording_changed
        from personas import fulltext

        wording_changed.connect(on_wording_changed, dispatch_uid="collateral.recheck_wording")
        pillar_approved.connect(services.follow_pillar, dispatch_uid="collateral.follow_pillar")
        # Documents quoting a persona's name follow a rename (personas cannot import us).
        fulltext.persona_renamed.append(search.persona_renamed)
