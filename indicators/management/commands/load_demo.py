import time

from django.core.management.base import BaseCommand

from indicators.demo import load_demo


class Command(BaseCommand):
    help = "载入演示数据（组织树、演示账户、六个基本的原始记录），并计算指标。可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--no-recompute", action="store_true", help="只载入记录，不计算指标")

    def handle(self, *args, **options):
        started = time.monotonic()
        load_demo(seed=options["seed"], recompute=not options["no_recompute"], stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪（{time.monotonic() - started:.1f} 秒）。"))
