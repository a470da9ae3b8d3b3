"""While saved changes wait for their recompute, the annual report says so: on its page, on the
说明 sheet and above the 审核 checks (whose 与仪表盘指标一致 rows may fail until the queue is done)."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import DirtyMark

pytestmark = pytest.mark.django_db

NOTE_START = "注意：有已保存的更改尚未计入仪表盘指标"
PAGE_NOTE = "有已保存的更改尚未计入仪表盘指标（正在排队重新计算）"


def workbook(client, area):
    response = client.get(reverse("annualstats:workbook", args=[area.pk]), {"year": 2022})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_with_nothing_waiting_the_checks_start_under_the_titles(world, client_for):
    DirtyMark.objects.all().delete()
    client = client_for(world.alice)
    sheet = workbook(client, world.county_a)["审核"]
    assert sheet["A3"].value == "序号" and sheet.freeze_panes == "A4"
    page = client.get(reverse("annualstats:index"), {"area": world.county_a.pk, "year": 2022}).content.decode()
    assert PAGE_NOTE not in page and 'id="annual-workbook"' in page


def test_a_waiting_change_is_named_on_the_page_the_cover_and_above_the_checks(world, client_for):
    DirtyMark.objects.all().delete()
    DirtyMark.objects.create(years="2022", places=world.county_a.path)
    client = client_for(world.alice)
    book = workbook(client, world.county_a)
    sheet = book["审核"]
    assert sheet["A3"].value.startswith(NOTE_START)
    assert sheet["A3"].font.color.rgb.endswith("9C0006")
    assert sheet["A4"].value == "序号" and sheet.freeze_panes == "A5"
    assert any(NOTE_START in (row[2] or "") for row in book["说明"].iter_rows(values_only=True))
    page = client.get(reverse("annualstats:index"), {"area": world.county_a.pk, "year": 2022}).content.decode()
    assert PAGE_NOTE in page


def test_a_change_waiting_elsewhere_or_for_another_year_is_not_named(world, client_for):
    DirtyMark.objects.all().delete()
    DirtyMark.objects.create(years="2022", places=world.county_b.path)   # another county
    DirtyMark.objects.create(years="2021,2023", places="")               # the whole tree, other years
    client = client_for(world.alice)
    assert workbook(client, world.county_a)["审核"]["A3"].value == "序号"
    page = client.get(reverse("annualstats:index"), {"area": world.county_a.pk, "year": 2022}).content.decode()
    assert PAGE_NOTE not in page
    # A mark for a township of the county, or for the whole tree that year, is named.
    DirtyMark.objects.create(years="2022", places=world.township_a.path)
    assert workbook(client, world.county_a)["审核"]["A3"].value.startswith(NOTE_START)
    DirtyMark.objects.all().delete()
    DirtyMark.objects.create(years="2022", places="")
    assert workbook(client, world.township_a)["审核"]["A3"].value.startswith(NOTE_START)
