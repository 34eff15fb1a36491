from django.apps import AppConfig


class CollateralConfig(AppConfig):
    name = "collateral"

    def ready(self) -> None:
        # Messaging may not import collateral (DESIGN §2), so it announces changes to its
        # retired wording with a signal, and collateral re-checks every current file.
        from collateral import search
        from collateral.tasks import on_wording_changed
        from messaging.signals import wording_changed
        from personas import fulltext

        wording_changed.connect(on_wording_changed, dispatch_uid="collateral.recheck_wording")
        # Documents quoting a persona's name follow a rename (personas cannot import us).
        fulltext.persona_renamed.append(search.persona_renamed)
