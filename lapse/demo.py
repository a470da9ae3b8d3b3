"""Demo of the lapse warnings (after the dues demo): the daily job run on the demo data as of the
first day after its last ledger year (dues.demo.YEAR), so the snapshot shows the members whose dues
of October–December are unpaid in the dues demo's branches (one in each county). The demo records
no roll calls (MeetingAttendance), so no attendance warning arises: by the rule a month without a
roll is neutral. Nothing but the snapshot is written, so no figure of the article moves."""
from datetime import date

from .models import LapseWarning
from .services import warnings_compute

DEMO_TODAY = date(2023, 1, 1)  # dues.demo.YEAR is 2022


def load(*, seed: int = 2023) -> None:
    if LapseWarning.objects.exists():
        return  # already loaded (the daily job keeps it afterwards)
    warnings_compute(today=DEMO_TODAY)
