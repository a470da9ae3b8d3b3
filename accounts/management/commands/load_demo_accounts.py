from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from branches.models import Area
from branches.services import load_ngari_tree
from ali_party.scoping import Role

DEMO_PASSWORD = "Ali@2023demo"

# (username, full name, role, scope area name or None)
DEMO_ACCOUNTS = [
    ("admin", "系统管理员", Role.ADMIN, None),
    ("auditor", "安全审计员", Role.AUDITOR, None),
    ("security", "安全管理员", Role.SECURITY_OFFICER, None),
    ("prefecture", "地委组织部", Role.PREFECTURE_STAFF, "阿里地区"),
    ("leader", "地区领导(只读)", Role.PREFECTURE_VIEWER, "阿里地区"),
    ("gaer", "噶尔县录入员", Role.COUNTY_CLERK, "噶尔县"),
    ("pulan", "普兰县录入员", Role.COUNTY_CLERK, "普兰县"),
    ("zhada", "札达县录入员", Role.COUNTY_CLERK, "札达县"),
    ("ritu", "日土县录入员", Role.COUNTY_CLERK, "日土县"),
    ("geji", "革吉县录入员", Role.COUNTY_CLERK, "革吉县"),
    ("gaize", "改则县录入员", Role.COUNTY_CLERK, "改则县"),
    ("cuoqin", "措勤县录入员", Role.COUNTY_CLERK, "措勤县"),
    ("shiquanhe", "狮泉河镇录入员", Role.TOWNSHIP_CLERK, "狮泉河镇"),
]


class Command(BaseCommand):
    help = "创建演示账户（密码见 README）。已存在的账户不会被修改。"

    @transaction.atomic
    def handle(self, *args, **options):
        load_ngari_tree()
        created = 0
        for username, full_name, role, area_name in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            area = Area.objects.get(name=area_name) if area_name else None
            user = User(username=username, full_name=full_name, role=role, scope_area=area,
                        must_change_password=False, password_changed_at=timezone.now())
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        self.stdout.write(self.style.SUCCESS(f"演示账户：新建 {created} 个，共 {len(DEMO_ACCOUNTS)} 个。"))
