"""Seed the organization-life kind catalogue (admins may edit it afterwards)."""
from django.db import migrations

# (code, name, 三会一课, 九个一, required period, at least per period)
KINDS = [
    ("branch_assembly", "支部党员大会", True, False, "quarter", 1),
    ("branch_committee", "支部委员会", True, False, "month", 1),
    ("group_meeting", "党小组会", True, False, "month", 1),
    ("party_lecture", "党课", True, False, "quarter", 1),
    ("theme_party_day", "主题党日", False, False, "month", 1),
    ("life_meeting", "组织生活会", False, False, "year", 1),
    # The "九个一" items (monthly activities of each branch); the list is editable in the admin.
    ("nine_oath", "重温一次入党誓词", False, True, "none", 0),
    ("nine_study", "开展一次集中学习", False, True, "none", 0),
    ("nine_dues", "按时交纳一次党费", False, True, "none", 0),
    ("nine_volunteer", "开展一次志愿服务", False, True, "none", 0),
    ("nine_affairs", "开展一次民主议事", False, True, "none", 0),
    ("nine_film", "观看一次电教片", False, True, "none", 0),
    ("nine_micro_lecture", "讲一次微党课", False, True, "none", 0),
    ("nine_visit", "开展一次走访慰问", False, True, "none", 0),
    ("nine_checkup", "进行一次党性体检", False, True, "none", 0),
]


def seed(apps, schema_editor):
    MeetingKind = apps.get_model("evaluations", "MeetingKind")
    for order, (code, name, sanhui, nine, period, count) in enumerate(KINDS, start=1):
        MeetingKind.objects.update_or_create(code=code, defaults=dict(
            name=name, order=order * 10, is_three_meetings_one_lecture=sanhui, is_nine_ones=nine,
            required_period=period, required_count=count))


def unseed(apps, schema_editor):
    apps.get_model("evaluations", "MeetingKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
