"""The member page's 发展党员 section (ali_party.member_life): per stage, the steps recorded and the
last date, and what is late or missing. Four queries (development.selectors.member_record)."""
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party import member_life

from .selectors import member_record


def development_rows(member) -> dict:
    record = member_record(member, timezone.localdate())
    if not any(line.row for _n, _l, lines in record.stages for line in lines):
        return {"stages": [], "overdue": record.overdue}
    stages = []
    for _number, label, lines in record.stages:
        done = [line.row.done_on for line in lines if line.row]
        stages.append({"label": label, "done": len(done), "total": len(lines), "last": max(done, default=None)})
    return {"stages": stages, "overdue": record.overdue}


member_life.register(member_life.Section(
    key="development", title=_("发展党员程序"), order=15, template="development/_member_life.html",
    rows=development_rows))
