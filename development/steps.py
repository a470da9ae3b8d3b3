"""The 25 steps of developing a party member in 5 stages, per 《中国共产党发展党员工作细则》 (中共中央办公厅,
2014年6月): 第二章 入党申请 (steps 1–2), 第三章 入党积极分子的确定和培养教育 (3–6), 第四章 发展对象的确定
和考察 (7–11), 第五章 预备党员的接收 (12–18), 第六章 预备党员的教育考察和转正 (19–25). The list was
checked against the published step charts ("五个阶段二十五个步骤", e.g.
http://www.cloudysfz.com/units/duty/?pid=86475 and https://shaolinkungfu.edu.cn/Deparment/info/id/21725.html).

The one declared table: each step's number, stage, name, the PartyMember stage date it must agree
with (cadres.PartyMember.applied_on …), and whether it may be left out. Steps 6 and 21 (培养教育考察,
继续教育考察) are a year of observation rather than one act; they may be recorded (the date the
observation was concluded) but a later step never waits for them.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class Stage(models.IntegerChoices):
    APPLICATION = 1, _("申请入党")
    ACTIVIST = 2, _("入党积极分子的确定和培养教育")
    CANDIDATE = 3, _("发展对象的确定和考察")
    ADMISSION = 4, _("预备党员的接收")
    PROBATION = 5, _("预备党员的教育考察和转正")


@dataclass(frozen=True)
class Step:
    number: int
    stage: int
    name: object  # a lazy translation
    member_date: str | None = None  # the PartyMember date field the step's date must equal
    optional: bool = False


STEPS: tuple[Step, ...] = (
    Step(1, Stage.APPLICATION, _("递交入党申请书"), "applied_on"),
    Step(2, Stage.APPLICATION, _("党组织派人谈话")),
    Step(3, Stage.ACTIVIST, _("推荐和确定入党积极分子"), "activist_on"),
    Step(4, Stage.ACTIVIST, _("入党积极分子报上级党委备案")),
    Step(5, Stage.ACTIVIST, _("指定培养联系人")),
    Step(6, Stage.ACTIVIST, _("培养教育考察"), optional=True),
    Step(7, Stage.CANDIDATE, _("确定发展对象"), "candidate_on"),
    Step(8, Stage.CANDIDATE, _("发展对象报上级党委备案")),
    Step(9, Stage.CANDIDATE, _("确定入党介绍人")),
    Step(10, Stage.CANDIDATE, _("进行政治审查")),
    Step(11, Stage.CANDIDATE, _("开展集中培训")),
    Step(12, Stage.ADMISSION, _("支部委员会审查并公示")),
    Step(13, Stage.ADMISSION, _("上级党委预审")),
    Step(14, Stage.ADMISSION, _("填写入党志愿书")),
    Step(15, Stage.ADMISSION, _("支部大会讨论接收预备党员"), "admitted_on"),
    Step(16, Stage.ADMISSION, _("上级党委派人谈话")),
    Step(17, Stage.ADMISSION, _("上级党委审批接收预备党员")),
    Step(18, Stage.ADMISSION, _("再上一级党委组织部门备案")),
    Step(19, Stage.PROBATION, _("编入党支部和党小组")),
    Step(20, Stage.PROBATION, _("入党宣誓")),
    Step(21, Stage.PROBATION, _("继续教育考察"), optional=True),
    Step(22, Stage.PROBATION, _("提出转正申请")),
    Step(23, Stage.PROBATION, _("支部大会讨论转正"), "full_member_on"),
    Step(24, Stage.PROBATION, _("上级党委审批转正")),
    Step(25, Stage.PROBATION, _("材料归档")),
)
BY_NUMBER: dict[int, Step] = {step.number: step for step in STEPS}
# Lazy: each label is translated when shown (an f-string here would fix it in the language at import).
CHOICES = [(step.number, format_lazy("{}. {}", step.number, step.name)) for step in STEPS]

# The steps the other rules name.
APPLICATION, TALK, CONTACTS, SPONSORS, TRAINING, BRANCH_MEETING, APPROVAL, FULL_MEMBERSHIP = 1, 2, 5, 9, 11, 15, 17, 23
# 细则第八条: the talk within one month of the application.
TALK_WITHIN_MONTHS = 1
# 细则第二十四条: the higher committee decides within 3 months of the branch meeting, 6 at most.
APPROVAL_WITHIN_MONTHS, APPROVAL_AT_MOST_MONTHS = 3, 6
# 细则第十六条: 集中培训 of at least 3 days or 24 学时.
TRAINING_MIN_DAYS, TRAINING_MIN_HOURS = 3, 24
# 细则第十二条 and 第十七条: 1–2 培养联系人, 2 入党介绍人, all 正式党员.
CONTACTS_MIN, CONTACTS_MAX, SPONSORS_COUNT = 1, 2, 2


def stage_steps() -> list[tuple[int, str, list[Step]]]:
    """The stages in order, each with its label and steps."""
    return [(stage.value, stage.label, [s for s in STEPS if s.stage == stage.value]) for stage in Stage]
