"""An export of any kind re-imports unchanged: no problem, nothing created or updated (issue 18, item 4).

Parametrized over the registry (dataexchange.specs.SPECS), so a new kind is covered as soon as it
is registered (its records come from records.MAKERS; a kind without a maker fails here)."""
import io

import pytest
from django.apps import apps

from dataexchange.importer import RECORD_ID_HEADER, record_id
from dataexchange.reading import read_sheet
from dataexchange.services import export_xlsx, import_rows
from dataexchange.specs import SPECS

from .helpers import xlsx
from .records import MAKERS
from .test_formula_cells import hostile_world  # noqa: F401 (a fixture)

# What an import may write: the records of the pillars, their dirty marks and snapshots.
DUMPED_APPS = ("branches", "cadres", "activities", "capacity", "evaluations", "funding", "orglife", "dues",
               "indicators")


def dump() -> dict:
    """Every stored row of the business apps, as plain values (the 'database' of the property)."""
    rows = {}
    for app in DUMPED_APPS:
        for model in apps.get_app_config(app).get_models():
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


def reimport(actor, kind, content: bytes, *, commit=True):
    sheet = read_sheet(io.BytesIO(content))
    return import_rows(actor=actor, kind=kind, headers=sheet.headers, rows=sheet.rows, commit=commit)


@pytest.mark.parametrize("kind", list(SPECS))
def test_an_export_reimports_unchanged(world, kind):
    assert kind in MAKERS, f"add a maker of {kind} records to dataexchange/tests/records.py"
    made = MAKERS[kind](world)
    content, count = export_xlsx(actor=world.alice, kind=kind)
    assert count == len(made)
    before = dump()
    outcome = reimport(world.alice, kind, content)
    assert [(r.row, r.errors) for r in outcome.results if r.errors] == []
    assert outcome.committed
    assert [r.action for r in outcome.results] == ["unchanged"] * len(made)
    assert outcome.warnings == []
    assert dump() == before


@pytest.mark.parametrize("kind", list(SPECS))
def test_a_record_id_outside_the_scope_or_from_elsewhere_is_a_problem_of_its_row(world, kind):
    made = MAKERS[kind](world)
    content, _count = export_xlsx(actor=world.alice, kind=kind)
    sheet = read_sheet(io.BytesIO(content))
    assert sheet.headers[0] == RECORD_ID_HEADER
    first = sheet.rows[0][1]
    foreign = f"{made[0].pk}-000000"  # this pk, but not a tag this system wrote
    rows = [[foreign] + first[1:]]
    bob = reimport(world.bob, kind, content, commit=False)  # another county: none of these is his
    outcome = reimport(world.alice, kind, xlsx(sheet.headers, rows), commit=False)
    assert len(bob.error_rows) == len(made)
    for result in [*bob.error_rows, *outcome.error_rows]:
        assert result.errors[0][0] == RECORD_ID_HEADER
        assert "不是本系统中您管辖范围内的" in result.errors[0][1]
    assert outcome.error_rows[0].errors[0][1].startswith(f"系统编号“{foreign}”")
    assert record_id(kind, made[0].pk) != foreign


def test_formula_like_text_reimports_as_it_was_stored(hostile_world):  # noqa: F811 (the fixture)
    """The exports put an apostrophe before text that would run as a formula (safe_cell): it is not
    read back as part of the value ("=1+1" stays "=1+1", "@SUM(A1)" stays "@SUM(A1)")."""
    from capacity.models import DisputeCase
    from cadres.models import TwoCommitteeMember

    for kind in ("committee_members", "dispute_cases", "organizations"):
        content, count = export_xlsx(actor=hostile_world.alice, kind=kind)
        before = dump()
        outcome = reimport(hostile_world.alice, kind, content)
        assert [r.errors for r in outcome.results if r.errors] == [] and outcome.count("unchanged") == count
        assert dump() == before
    assert TwoCommitteeMember.objects.get().name == "=1+1"
    assert DisputeCase.objects.get().description == "@SUM(A1)"


def test_the_member_list_exported_and_uploaded_again_through_the_pages_has_nothing_to_import(
        world, client_for, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from dataexchange.models import ImportJob

    made = MAKERS["members"](world)
    client = client_for(world.alice)
    exported = client.get(reverse("dataexchange:export", args=["members", "xlsx"]))
    assert exported.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dataexchange:import", args=["members"]),
                    {"file": SimpleUploadedFile("党员.xlsx", exported.content)})
    job = ImportJob.objects.get()
    assert (job.error_count, job.created_count, job.updated_count, job.unchanged_count) == (0, 0, 0, len(made))
    html = client.get(job.get_absolute_url()).content.decode()
    assert "已校验，与系统中一致，无需导入" in html and "文件中的3行与系统中的数据一致" in html
    assert "确认导入" not in html and "有问题，需修改后重新上传" not in html
    assert "已校验，与系统中一致，无需导入" in client.get(reverse("dataexchange:index")).content.decode()


def test_an_edited_row_stays_on_its_own_record_where_its_names_name_two(world):
    """An assessment of the earlier of two 白玛 of one village, its level edited: still hers (the
    village and the name alone would name the present one)."""
    from cadres.models import LanguageAssessment, LanguageLevel

    earlier = MAKERS["language_assessments"](world)[2]
    content, _count = export_xlsx(actor=world.alice, kind="language_assessments")
    sheet = read_sheet(io.BytesIO(content))
    rows = [list(values) for _number, values in sheet.rows]
    row = next(r for r in rows if r[0] == record_id("language_assessments", earlier.pk))
    row[sheet.headers.index("掌握程度")] = str(LanguageLevel(5).label)
    outcome = reimport(world.alice, "language_assessments", xlsx(sheet.headers, rows))
    assert [r.action for r in outcome.results].count("update") == 1 and outcome.committed
    moved = LanguageAssessment.objects.get(year=2020)
    assert (moved.person_id, moved.level) == (earlier.person_id, 5)
