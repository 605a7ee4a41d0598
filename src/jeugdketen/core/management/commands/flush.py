"""`flush` that can also empty the append-only access log.

Django's flush (used by the test runner between transactional tests) empties every table. The
access-log trigger refuses that unless the connection says it is doing maintenance, so this
command says so for its own run. Never run flush on a production database.
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from jeugdketen.core.logtriggers import log_maintenance


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        with log_maintenance(connections[options["database"]]):
            super().handle(**options)
