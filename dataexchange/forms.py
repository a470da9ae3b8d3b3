from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    """The file is judged by its content (reading.py), not by its name."""

    file = forms.FileField(label=_("Excel 文件（.xlsx）"),
                           help_text=_("请使用本页下载的模板填写；上传后先校验并预览，确认后才导入。"))
