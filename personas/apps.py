from django.apps import AppConfig


class PersonasConfig(AppConfig):
    name = "personas"

    def ready(self) -> None:
        from django.db.models import IntegerField

        # Connects the signals that keep cached role facts fresh.
        from personas import usercache  # noqa: F401
        from personas.lookups import IntegerFieldIn

        # Huge ids in `__in` lists (multiple-choice form fields) match nothing, never a 500.
        IntegerField.register_lookup(IntegerFieldIn)
