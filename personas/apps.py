from django.apps import AppConfig


class PersonasConfig(AppConfig):
    name = "personas"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models import IntegerField

        # Connects the signals that keep cached role facts fresh.
        from personas import usercache  # noqa: F401
        from personas.lookups import IntegerFieldIn
        from personas.people import remember_visit

        # Huge ids in `__in` lists (multiple-choice form fields) match nothing, never a 500.
        IntegerField.register_lookup(IntegerFieldIn)
        user_logged_in.connect(remember_visit, dispatch_uid="onevoice_remember_visit")
