from django.apps import AppConfig


class CollateralConfig(AppConfig):
    name = "collateral"

    def ready(self) -> None:
        # Documents quoting a persona's name follow a rename (personas cannot import us).
        from collateral import search
        from personas import fulltext

        fulltext.persona_renamed.append(search.persona_renamed)
