from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jeugdketen.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from celery.schedules import crontab
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from . import keuzes, koppen, referentie, werk
        from .tasks import register_schedule

        # Choice labels from a dict built once per field, not rebuilt on every get_<field>_display.
        keuzes.install()
        werk.register(werk.unread_notifications, order=1000)
        # The outbox relay also runs every minute, so news queued while the broker was down is
        # delivered without waiting for the next commit.
        register_schedule("relay-outbox", task="jeugdketen.core.tasks.relay_outbox", schedule=60.0)
        # The access log's chains: where each stands, every 15 minutes; the retention term, nightly.
        register_schedule("toegangslog-anker", task="jeugdketen.core.tasks.toegangslog_anker", schedule=15 * 60.0)
        register_schedule(
            "toegangslog-bewaartermijn",
            task="jeugdketen.core.tasks.toegangslog_bewaartermijn",
            schedule=crontab(hour=3, minute=40),
        )
        # Idempotency-Keys past their term (24 hours): every hour.
        register_schedule("idempotentie-opruimen", task="jeugdketen.core.tasks.idempotentie_opruimen", schedule=3600.0)
        # The absolute session lifetime counts from the login (core.koppen).
        user_logged_in.connect(koppen.session_started, dispatch_uid="jeugdketen-sessie-begin")
        # Once, after all apps: the signal is sent per app, the handler seeds every empty list.
        post_migrate.connect(referentie.seed_empty_lists, dispatch_uid="jeugdketen-referentie")
