import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from accounts.models import AccessEvent
from indicators import reports, services


def test_word_report_carries_the_computed_figures(client_for, dated_world, test_indicators):
    services.recompute(years=[2022])
    response = client_for(dated_world.carol).get(
        reverse("indicators:report_docx", args=[dated_world.root.pk]), {"year": 2022})
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "阿里地区2022年度" in text
    assert "党组织数5个" in text and "搬迁点占比40.00%（共5，其中2）" in text
    assert AccessEvent.objects.filter(username="carol", kind="export").count() == 1


def test_excel_workbook_has_every_county(client_for, dated_world, test_indicators):
    services.recompute(years=[2022])
    response = client_for(dated_world.carol).get(
        reverse("indicators:report_xlsx", args=[dated_world.root.pk]), {"year": 2022})
    sheet = load_workbook(io.BytesIO(response.content))["基本组织"]
    rows = list(sheet.values)
    assert rows[0][2:-1] == ("阿里地区", "噶尔县", "普兰县")
    orgs = next(r for r in rows if r[-1] == "test.orgs")
    assert orgs[:-1] == ("党组织数", "个", 5, 4, 1)


def test_formula_text_is_neutralized():
    assert reports.safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert reports.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert reports.safe_cell("加木村") == "加木村"
    assert reports.safe_cell(-3) == -3


def test_clerk_cannot_download_the_prefecture_report(client_for, world):
    client = client_for(world.alice)
    assert client.get(reverse("indicators:report_docx", args=[world.root.pk])).status_code == 404
    assert client.get(reverse("indicators:report_xlsx", args=[world.county_b.pk])).status_code == 404
    assert client.get(reverse("indicators:report_xlsx", args=[world.county_a.pk])).status_code == 200
