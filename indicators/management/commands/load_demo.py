from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "载入演示数据：组织树、演示账户（以及各支柱的演示记录）。可重复执行。"

    def handle(self, *args, **options):
        call_command("load_tree")
        call_command("load_demo_accounts")
