"""List the stored ID numbers a county clerk must correct: numbers that fail the GB 11643 check
(stored before the check was right, or written around the forms) or disagree with the member's
birth date or sex. Grouped by county; the number is shown masked, never in full.

    manage.py check_personal_data                       # exit code 0 whatever is found
    manage.py check_personal_data --fail-on-problems    # exit code 1 when anything is found
"""
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from cadres.models import PartyMember
from cadres.selectors import id_number_problems


class Command(BaseCommand):
    help = "List members whose stored ID number fails the check or disagrees with their birth date or sex."

    def add_arguments(self, parser):
        parser.add_argument("--fail-on-problems", action="store_true",
                            help="exit with code 1 when any number must be corrected")

    def handle(self, *args, fail_on_problems, **options):
        checked = PartyMember.objects.count()
        problems = id_number_problems()
        by_county = defaultdict(list)
        for row in problems:  # already in county order
            by_county[row.county].append(row)
        for county, rows in by_county.items():
            self.stdout.write(f"{county}：{len(rows)} 人")
            for row in rows:
                self.stdout.write(f"  {row.organization}\t{row.name}\t{row.masked_id_number}\t{' '.join(row.problems)}")
        if not problems:
            self.stdout.write(f"已检查 {checked} 名党员的身份证号码，未发现问题。")
            return
        summary = f"已检查 {checked} 名党员，{len(problems)} 人的身份证号码须更正（{len(by_county)} 个县）。"
        self.stdout.write(summary)
        if fail_on_problems:
            raise CommandError(summary, returncode=1)
