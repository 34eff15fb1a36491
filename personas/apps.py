from django.apps import AppConfig


class PersonasConfig(AppConfig):
    name = "personas"

    def ready(self) -> None:
        # Connects the signals that keep cached role facts fresh.
        from personas import usercache  # noqa: F401
