"""Background work of collateral, run through Django's task framework (`django.tasks`).

With the default immediate backend a task runs at once, in the request that enqueued it
(after its commit); a real backend moves it to a worker without changing this code.
"""

from django.tasks import task

from collateral import wording


@task
def recheck_wording() -> int:
    """Check every current file against the approved retired wording again."""
    return wording.check_all()


def on_wording_changed(sender, **kwargs) -> None:
    """Receiver of `messaging.signals.wording_changed` (sent after commit)."""
    recheck_wording.enqueue()
