import json

from django.core.management.base import BaseCommand, CommandError

from branches.models import Area
from indicators import selectors, services


class Command(BaseCommand):
    help = "指标：recompute 重新计算快照；show 输出某节点某年度的指标快照（--json）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        recompute = sub.add_parser("recompute", help="重新计算指标快照")
        recompute.add_argument("--year", type=int, action="append", help="年度（可重复）；缺省为全部年度")
        show = sub.add_parser("show", help="输出指标快照")
        show.add_argument("--year", type=int, required=True)
        show.add_argument("--county", help="县名，如 噶尔县；缺省为全地区")
        show.add_argument("--area", type=int, help="区域 id（任意层级）")
        show.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        if options["action"] == "recompute":
            run = services.recompute(years=options["year"])
            self.stdout.write(self.style.SUCCESS(f"指标已重新计算：年度 {run.years}，状态 {run.get_status_display()}"))
            return
        area = self._area(options)
        rows = selectors.snapshot_rows(area, options["year"])
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
            return
        for row in rows:
            self.stdout.write(f"{row['code']:<45} {row['name_zh']:<30} {row['value']} {row['unit_zh']}")

    def _area(self, options) -> Area:
        if options.get("area"):
            found = Area.objects.filter(pk=options["area"]).first()
        elif options.get("county"):
            found = Area.objects.filter(level=Area.Level.COUNTY, name=options["county"]).first()
        else:
            found = Area.objects.filter(level=Area.Level.PREFECTURE).order_by("path").first()
        if found is None:
            raise CommandError("找不到该区域。")
        return found
