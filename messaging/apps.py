from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"

    def ready(self) -> None:
        # Documents quoting a persona's name follow a rename (personas cannot import us).
        from messaging import search
        from personas import fulltext

        fulltext.persona_renamed.append(search.persona_renamed)
