"""Seed the activity-kind catalogue (admins can extend it; indicators count kinds by code)."""
from django.db import migrations

CATALOGUE = [
    ("political_study", "政治学习(“五学”)", "activities", 10, "“五学”模式政治理论学习"),
    ("theme_party_day", "主题党日", "activities", 20, ""),
    ("publicity", "宣传活动", "activities", 30, "政策宣讲、宣传教育"),
    ("volunteer_service", "志愿服务", "activities", 40, "“进村入户、结对认亲交朋友”、党员“三包”"),
    ("party_lecture", "党课", "capacity", 50, "干部讲党课；在军地共建结对下开展的计入共建"),
    ("defence_education", "国防教育", "capacity", 60, ""),
    ("drill", "演练", "capacity", 70, "军地联合演练"),
    ("ecology_talk", "生态宣讲", "capacity", 80, ""),
    ("six_clean", "“六清”环境整治", "capacity", 90, ""),
    ("ecology_service", "义务服务(植树/清扫/巡逻)", "capacity", 100, "植树造林、清扫、保护区巡逻等义务服务"),
    ("three_talks", "“三讲”", "personnel", 110, ""),
    ("five_star", "“五星”评比", "personnel", 120, ""),
]


def seed(apps, schema_editor):
    ActivityKind = apps.get_model("activities", "ActivityKind")
    for code, name, pillar, order, description in CATALOGUE:
        ActivityKind.objects.get_or_create(code=code, defaults={
            "name": name, "pillar": pillar, "order": order, "description": description})


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
