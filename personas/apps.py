from django.apps import AppConfig


class PersonasConfig(AppConfig):
    name = "personas"

    def ready(self) -> None:
        # Connects the signals that keep cached role facts fresh.
        from django.contrib.auth.signals import user_logged_in

        from personas import usercache  # noqa: F401
        from personas.people import remember_visit

        user_logged_in.connect(remember_visit, dispatch_uid="onevoice_remember_visit")
