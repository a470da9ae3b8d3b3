"""A macro-enabled workbook renamed .xlsx is refused (issue 17, Low 17): an .xlsm carries its VBA
project as xl/vbaProject.bin, Excel 4.0 macros as macro sheets, controls as ActiveX parts. The
import reads only cell values, but the file is kept and a clerk may open it again: it is refused."""
import datetime
import io
import zipfile

import pytest
from django.urls import reverse

from cadres.models import PartyMember
from cadres.validators import make_id_number
from dataexchange.models import ImportJob
from dataexchange.reading import RefusedFile, read_sheet

from .helpers import MEMBER_HEADERS, member_row, xlsx

ID1 = make_id_number("542523", datetime.date(1990, 5, 1), 21, gender="M")
MESSAGE = "文件含有宏或控件（VBA、Excel 4.0 宏表、ActiveX），已拒绝导入"


def with_part(content: bytes, name: str, data: bytes = b"\xd0\xcf\x11\xe0" + b"\0" * 500) -> bytes:
    """The workbook with one more part in its zip (a VBA project is an OLE2 file)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, data)
    return out.getvalue()


def clean_workbook() -> bytes:
    return xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)])


@pytest.mark.parametrize("part", ["xl/vbaProject.bin", "xl/VBAPROJECT.BIN", "vbaProject.bin", "xl/media/vbaProject.bin",
                                  "xl/vbaProjectSignature.bin", "xl/macrosheets/sheet1.xml",
                                  "xl/activeX/activeX1.xml", "xl/activeX/activeX1.bin"])
def test_it_refuses_a_workbook_with_macros_or_controls(part):
    content = with_part(clean_workbook(), part, b"<x/>" if part.endswith(".xml") else b"\xd0\xcf\x11\xe0" + b"\0" * 500)
    with pytest.raises(RefusedFile) as caught:
        read_sheet(io.BytesIO(content))
    assert MESSAGE in str(caught.value) and "另存为" in str(caught.value)


def test_it_refuses_a_vba_project_under_another_name_by_its_declared_content_type():
    content = with_part(clean_workbook(), "xl/media/image9.png")
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/media/image9.png" '
                                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            target.writestr(item, data)
    with pytest.raises(RefusedFile, match="文件含有宏"):
        read_sheet(io.BytesIO(out.getvalue()))


def test_a_clean_workbook_is_read():
    assert len(read_sheet(io.BytesIO(clean_workbook())).rows) == 1


def test_the_upload_is_refused_with_the_message_and_nothing_imported(world, client_for,
                                                                     django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile
    client = client_for(world.alice)
    upload = SimpleUploadedFile("党员.xlsx", with_part(clean_workbook(), "xl/vbaProject.bin"))
    with django_capture_on_commit_callbacks(execute=True):  # the validation task, queued after commit
        response = client.post(reverse("dataexchange:import", args=["members"]), {"file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED and MESSAGE in job.message
    assert MESSAGE in client.get(response.url).content.decode()
    assert PartyMember.objects.count() == 0
