"""Walk the access log's hash chains; exit non-zero when a row was changed, removed, inserted or moved."""

from django.core.management.base import BaseCommand, CommandError

from jeugdketen.core.toegangslog import verify_log


class Command(BaseCommand):
    help = "Controleer of het toegangslog onveranderd is (elke regel en de ketens)."

    def handle(self, *args: object, **options: object) -> None:
        problems = verify_log()
        if problems:
            for problem in problems[:20]:
                self.stderr.write(problem)
            raise CommandError(f"Toegangslog gewijzigd: {len(problems)} probleem/problemen, eerste: {problems[0]}")
        self.stdout.write("Toegangslog onveranderd.")
