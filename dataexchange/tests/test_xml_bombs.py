"""Hostile files, XML edition: entity bombs (billion laughs, quadratic blow-up) and external entities
(XXE) hidden in the parts of an .xlsx. Each is uploaded through the real import page by a county
clerk; each must be refused with a Chinese message naming the cause, without a 500, without a stored
row, and without the entity being expanded or the referenced file being read.

The same workbooks without the DTD are imported normally (the controls), so a refusal is caused by
the entities and not by a workbook broken while building it."""
import datetime
import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadres.models import PartyMember
from cadres.validators import make_id_number
from dataexchange.models import ImportJob
from dataexchange.reading import DAMAGED_REFUSAL, ENTITY_REFUSAL, RefusedFile, read_sheet

from .helpers import MEMBER_HEADERS, member_row, xlsx

ID1 = make_id_number("542523", datetime.date(1990, 5, 1), 41, gender="M")
NAME = "&#27425;&#20161;"  # 次仁 as openpyxl writes it (character references)
PASSWD_TEXT = "root:x:0:0"  # the first line of /etc/passwd on Linux

# Ten levels of ten: &lol9; is 10^9 "lol"s, about 3 GB once expanded.
BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + "]>")
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
# One 100 kB entity referenced 10,000 times: 1 GB, with no nesting for a depth limit to catch.
QUADRATIC = f'<!DOCTYPE q [<!ENTITY a "{"a" * 100_000}">]>'
PARAMETER_XXE = '<!DOCTYPE x [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
EXTERNAL_DTD = '<!DOCTYPE Relationships SYSTEM "file:///etc/passwd">'

BOMBS = {"billion_laughs": (BILLION_LAUGHS, "&lol9;"), "xxe": (XXE, "&xxe;")}


def _members(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {name: archive.read(name) for name in archive.namelist()}


def _package(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def shared_strings_workbook() -> bytes:
    """A one-member workbook whose text is in xl/sharedStrings.xml, as Excel saves it (openpyxl
    writes inline strings, so the shared-strings part is built here from the sheet's cells)."""
    members = _members(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    strings: list[str] = []

    def to_shared(match):
        strings.append(match.group(3))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{len(strings) - 1}</v></c>'

    sheet = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = re.sub(
        r'<c r="(\w+)"([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', to_shared, sheet).encode()
    members["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings) + "</sst>").encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", (b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                              b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9"/>'
                              b"</Relationships>"))
    assert len(strings) == 2 * len(MEMBER_HEADERS) and NAME in strings  # every cell of member_row is text
    return _package(members)


def with_dtd(content: bytes, part: str, dtd: str, reference: str = "", *, encoding: str = "utf-8",
             prefix: str = "") -> bytes:
    """Put `dtd` in front of `part` and `reference` where the member's name (or, in
    [Content_Types].xml, the first child element) was."""
    members = _members(content)
    xml = members[part].decode()
    assert not xml.startswith("<?xml")  # openpyxl writes no declaration: the DTD can go first
    if reference:
        if part == "[Content_Types].xml":
            xml = xml.replace("<Default ", f"{reference}<Default ", 1)
        else:
            assert NAME in xml
            xml = xml.replace(NAME, reference, 1)
    text = prefix + dtd + xml
    members[part] = text.encode("utf-16") if encoding == "utf-16" else text.encode()
    return _package(members)


def _bomb(part: str, dtd: str, reference: str) -> bytes:
    """The shared-strings workbook for a bomb in the shared strings, else the inline one."""
    if part == "xl/sharedStrings.xml":
        return with_dtd(shared_strings_workbook(), part, dtd, reference)
    return with_dtd(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]), part, dtd, reference)


def _upload(client, content: bytes, captured):
    with captured(execute=True):
        return client.post(reverse("dataexchange:import", args=["members"]),
                           {"file": SimpleUploadedFile("党员.xlsx", content)})


# The controls: the builders make workbooks that import.

@pytest.mark.parametrize("shared", [False, True], ids=["inline_strings", "shared_strings"])
def test_the_workbooks_without_a_dtd_import(world, client_for, django_capture_on_commit_callbacks, shared):
    content = shared_strings_workbook() if shared else xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)])
    if shared:
        assert b"<si><t>" + NAME.encode() + b"</t></si>" in _members(content)["xl/sharedStrings.xml"]
    response = _upload(client_for(world.alice), content, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == ImportJob.Status.PREVIEWED, job.message
    assert job.created_count == 1 and job.error_count == 0
    assert [(r["row"], r["action"]) for r in job.preview["rows"]] == [(2, "create")]
    assert "次仁" in job.preview["rows"][0]["label"]


def test_a_utf16_part_with_a_byte_order_mark_is_still_read():
    """Office may write a part in UTF-16; the DTD check reads it (and finds no DTD)."""
    members = _members(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    members["[Content_Types].xml"] = members["[Content_Types].xml"].decode().encode("utf-16")
    sheet = read_sheet(io.BytesIO(_package(members)))
    assert sheet.rows[0][1][:2] == ["次仁", "男"]


# The bombs, through the import page.

@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"])
@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_it_refuses_an_entity_bomb_uploaded_through_the_import_page(
        world, client_for, django_capture_on_commit_callbacks, part, bomb):
    content = _bomb(part, *BOMBS[bomb])
    client = client_for(world.alice)

    response = _upload(client, content, django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == ImportJob.Status.REFUSED and job.message == ENTITY_REFUSAL
    assert job.preview in (None, {}) and job.created_count == 0 and job.rows_total == 0
    assert PartyMember.objects.count() == 0
    page = client.get(job.get_absolute_url())
    status = client.get(reverse("dataexchange:job_status", args=[job.pk]))
    assert page.status_code == 200 and status.status_code == 200
    html = page.content.decode()
    assert "XML 实体声明" in html and "已拒绝导入" in html
    assert status.json()["message"] == ENTITY_REFUSAL
    for body in (html, status.content.decode(), job.message):
        assert PASSWD_TEXT not in body and "lollollol" not in body
    # Nothing to confirm: a confirm is refused and still stores nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dataexchange:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED and PartyMember.objects.count() == 0


# More variants, straight at the reader.

def _refusal(content: bytes) -> str:
    with pytest.raises(RefusedFile) as caught:
        read_sheet(io.BytesIO(content))
    return str(caught.value)


def _inline() -> bytes:
    return xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)])


VARIANTS = {
    # 10,000 references to one 100 kB entity in the shared strings.
    "quadratic_blowup": lambda: with_dtd(shared_strings_workbook(), "xl/sharedStrings.xml", QUADRATIC,
                                         "&a;" * 10_000),
    # An external parameter entity: expat would have to fetch the URL to go on (it must not).
    "parameter_entity_xxe": lambda: with_dtd(_inline(), "xl/workbook.xml", PARAMETER_XXE),
    # An external DTD in the package relationships, which openpyxl reads with lxml.
    "external_dtd_in_rels": lambda: with_dtd(_inline(), "_rels/.rels", EXTERNAL_DTD),
    # XXE in a UTF-16 part: "<!DOCTYPE" is not there as ASCII bytes.
    "xxe_in_utf16": lambda: with_dtd(_inline(), "[Content_Types].xml", XXE, "&xxe;", encoding="utf-16"),
    # Whitespace before the DTD (allowed when there is no XML declaration).
    "xxe_after_whitespace": lambda: with_dtd(_inline(), "docProps/core.xml", XXE, prefix="\n  \n"),
}


def _with_unlisted_part() -> bytes:
    """An XXE in a part with no .xml name, which no relationship points to."""
    members = _members(_inline())
    members["customXml/item1.bin"] = (XXE + "<x>&xxe;</x>").encode()
    return _package(members)


VARIANTS["xxe_in_a_part_named_bin"] = _with_unlisted_part


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_it_refuses_every_variant_before_parsing(variant):
    assert _refusal(VARIANTS[variant]()) == ENTITY_REFUSAL


def test_a_part_that_is_not_xml_before_its_root_is_refused_as_damaged():
    members = _members(_inline())
    members["xl/workbook.xml"] = b"<?xml version='1.0' encoding='UTF-7'?><workbook/>"
    assert _refusal(_package(members)) == DAMAGED_REFUSAL


def test_refusing_a_bomb_allocates_almost_nothing():
    """Expanded, &lol9; is about 3 GB and the quadratic file about 1 GB; refusing them must stay in
    the few megabytes that unzipping and reading the prolog take."""
    bombs = [_bomb(part, BILLION_LAUGHS, "&lol9;")
             for part in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml")]
    bombs.append(VARIANTS["quadratic_blowup"]())
    tracemalloc.start()
    try:
        for content in bombs:
            assert _refusal(content) == ENTITY_REFUSAL
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
