"""On the demo data (every county, computed by the real pipeline) every 审核 check passes."""
from annualstats.report import annual_report
from branches.models import Area
from indicators.demo import load_demo
from indicators.services import latest_complete_year


def test_every_check_passes_on_the_demo_data(db):
    load_demo()
    year = latest_complete_year()
    root = Area.objects.get(depth=1)
    for area in [root, *root.child_areas()[:2]]:
        report = annual_report(area, year)
        assert report.table("1").total["total"] > 0
        assert report.checks and not report.failed, [vars(c) for c in report.failed][:5]
