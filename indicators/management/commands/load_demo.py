import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indicators.demo import load_demo


class Command(BaseCommand):
    help = "载入演示数据（组织树、演示账户、六个基本的原始记录），并计算指标。可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--no-recompute", action="store_true", help="只载入记录，不计算指标")
        parser.add_argument("--trial", action="store_true",
                            help="在生产配置下也载入（仅用于试用环境：演示账户的密码是公开的）")

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False) and not options["trial"]:
            raise CommandError("生产配置下不载入演示数据：演示账户的密码是公开的。仅用于试用环境时加 --trial。")
        started = time.monotonic()
        load_demo(seed=options["seed"], recompute=not options["no_recompute"], stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪（{time.monotonic() - started:.1f} 秒）。"))
