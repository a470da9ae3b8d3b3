"""manage.py lapse_warnings [--today YYYY-MM-DD]: the daily job by hand."""
from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from lapse.services import warnings_compute


class Command(BaseCommand):
    help = "Recompute the lapse warnings (3 and 5 consecutive months without attendance or dues)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, default=None,
                            help="compute as of this day (default: today)")

    def handle(self, *args, today=None, **options):
        count = warnings_compute(today=today or timezone.localdate())
        self.stdout.write(f"{count} lapse warnings")
