"""The messages a job stores (`ImportJob.message`, `ExportJob.message`), and their display in the
active language.

A job is run by a worker, in the default language, and its message is stored as text, so a
message is stored in Chinese. Each one is a message of the .po (with %d for its numbers): on
display, `translated()` finds the message the stored text was made from and formats it again in
the user's language with the same numbers. A text made from no known message (a file's refusal
reason, from a ValidationError) is looked up whole; one not in the .po shows as stored.
"""
import re
from functools import lru_cache

from django.utils.translation import gettext, gettext_noop

FILE_GONE = gettext_noop("上传的文件已不在系统中（超过保留时间或任务已结束后即删除），请重新上传。")
EXPIRED_MESSAGE = gettext_noop("预览后超过%d小时未确认，上传的文件已删除，不能再确认导入；如需导入，请重新上传文件。")
CRASHED_MESSAGE = gettext_noop("处理时发生系统错误，数据未作任何改动，上传的文件已删除；请重新上传，如仍出错请联系系统管理员。")
LOST_MESSAGE = gettext_noop("任务超过%d小时仍未完成，已终止，数据未作任何改动；请重新提交。")
IMPORTED = gettext_noop("已全部导入：新增%d条，更新%d条，无变化%d条。")
RECHECK_FAILED = gettext_noop("确认导入时重新校验发现问题，数据未作任何改动。请修改后重新上传。")
ROWS_WITH_PROBLEMS = gettext_noop("有%d行存在问题（共%d处），请修改后重新上传；修改前不能导入。")
ALL_UNCHANGED = gettext_noop("文件中的%d行与系统中的数据一致，没有需要导入的新增或修改。")
EXPORT_CRASHED = gettext_noop("导出时发生系统错误，请稍后重新导出；如仍出错请联系系统管理员。")
EXPORTED = gettext_noop("已导出%d条记录。文件只能下载一次，下载后即从系统中删除；%d小时内未下载也将删除。")
EXPORT_EXPIRED = gettext_noop("%d小时内未下载，导出文件已删除；如仍需要，请重新导出。")

WITH_NUMBERS = [m for m in (EXPIRED_MESSAGE, LOST_MESSAGE, IMPORTED, ROWS_WITH_PROBLEMS, ALL_UNCHANGED, EXPORTED,
                                      EXPORT_EXPIRED)]


@lru_cache(maxsize=None)
def _pattern(message: str) -> re.Pattern:
    return re.compile("".join(r"(-?\d+)" if part == "%d" else re.escape(part)
                              for part in re.split(r"(%d)", message)) + r"\Z")


def translated(stored: str) -> str:
    """A stored job message in the active language (see the module docstring)."""
    if not stored:
        return stored
    for message in WITH_NUMBERS:
        match = _pattern(message).match(stored)
        if match:
            return gettext(message) % tuple(int(n) for n in match.groups())
    return gettext(stored)
