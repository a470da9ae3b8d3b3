from django.core.management.base import BaseCommand

from branches.models import Area
from branches.services import load_ngari_tree


class Command(BaseCommand):
    help = "载入阿里地区组织树（地区、7个县、乡镇、村）。可重复执行。"

    def handle(self, *args, **options):
        load_ngari_tree()
        counts = {level: Area.objects.filter(level=level).count() for level, _ in Area.Level.choices}
        self.stdout.write(self.style.SUCCESS(f"组织树已就绪：{counts}"))
