"""党内统计年报: the tables of the annual party statistics, for one area (and each of its child
areas) and one year, counted from the records as of 31 December, and the 审核 checks that compare
them with each other and with the dashboard's stored indicators.

Each table is one function (area, year) -> Table, in GROUP BY queries (a constant number whatever
the number of members). Where the dashboard has an indicator for a figure, the table counts it by
the indicator's own rule: members at the year's end are `PartyMember.objects.members_on(Dec 31)`
placed by `cadres.selectors.organization_area_on(Dec 31)` (the farmer-herder indicators' rule),
developed members by `members_developed_by_area`'s filter, organizations by `existing_at_end_of`,
ratings and training through the indicators' selectors themselves (`indicators.engine.selector_rows`).
A 审核 check then compares the table's figure with the snapshot the dashboard shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ali_party.stock import year_end
from branches.models import Area, CommitteePost, PartyOrganization
from branches.structure import BRANCH_KINDS, COMMITTEE_FROM_FULL_MEMBERS, COMMITTEE_MIN_POSTS
from cadres.dates import AGE_BANDS, add_years, year_start
from cadres.ethnicity import Ethnicity
from cadres.models import AREA_THEN, OrganizationTransfer, PartyMember
from cadres.selectors import organization_area_on, organization_id_on
from indicators import engine, registry
from indicators.models import IndicatorSnapshot
from indicators.services import pending_for

TOTAL = "total"
Stage, Status, Occupation, Education = (PartyMember.Stage, PartyMember.Status, PartyMember.Occupation,
                                        PartyMember.Education)
NO_EDUCATION = "none"
MINORITY, TIBETAN, HAN = "minority", Ethnicity.TIBETAN.value, Ethnicity.HAN.value
LEFT_STATUSES = [Status.DECEASED, Status.EXPELLED, Status.PROBATION_CANCELLED, Status.SUSPENDED,
                 Status.TRANSFERRED_OUT]
LeftPartyKind = PartyMember.LeftPartyKind
# 出党 is counted by its kind (出党方式): one column per kind, and one for the 出党 rows recorded before
# the kind was (方式未填), so that 合计 is still the sum of the columns.
KIND_UNRECORDED = "unrecorded"
# 表七's columns of where an organization sits: the village level split into 村 and 社区 (Area.is_community).
COMMUNITY = "community"
LOCATION_LEVELS = [(Area.Level.TOWNSHIP, gettext_lazy("乡镇")), (Area.Level.COUNTY, gettext_lazy("县直")),
                   (Area.Level.PREFECTURE, gettext_lazy("地直"))]


def location_columns() -> list[tuple[str, str]]:
    return ([(f"at_{Area.Level.VILLAGE}", _("设在村")), (f"at_{COMMUNITY}", _("设在社区"))]
            + [(f"at_{level}", _("设在%(where)s") % {"where": label}) for level, label in LOCATION_LEVELS])


LOCATION_KEYS = [f"at_{Area.Level.VILLAGE}", f"at_{COMMUNITY}", *[f"at_{level}" for level, _label in LOCATION_LEVELS]]
RATINGS = [("excellent", gettext_lazy("优秀")), ("qualified", gettext_lazy("合格")),
           ("basically_qualified", gettext_lazy("基本合格")), ("unqualified", gettext_lazy("不合格")),
           ("ungraded", gettext_lazy("不定等次"))]


# Each table's title and what it counts (the page lists them; the workbook's 说明 sheet too).
TITLES = {
    "1": (gettext_lazy("党员性别、民族情况"),
           gettext_lazy("截至12月31日的党员（预备党员和正式党员，党籍正常），按当日所在党组织归属区域；正式党员指当日已转正。")),
    "2": (gettext_lazy("党员年龄情况"),
           gettext_lazy("年龄按12月31日计算的周岁。")),
    "3": (gettext_lazy("党员学历情况"),
           gettext_lazy("按党员档案登记的学历；未登记的列入“未填写”。")),
    "4": (gettext_lazy("党员职业情况"),
           gettext_lazy("按党员档案登记的职业类别；农牧民党员及其中女党员、30岁以下党员即仪表盘的同名指标。")),
    "5": (gettext_lazy("发展党员情况"),
           gettext_lazy("当年1月1日至12月31日接收为预备党员的人数（即仪表盘的“发展党员数”），按年底所在党组织归属区域。")),
    "6": (gettext_lazy("党员减少情况"),
           gettext_lazy("当年内党籍状态变更为死亡、出党、取消预备党员资格、停止党籍或转出的党员，按状态变更日期统计，按年底所在党组织归属区域。")),
    "7": (gettext_lazy("党组织情况"),
           gettext_lazy("12月31日仍存在（已成立且未合并、撤销）的党组织；所在村(社区)一级区域标为社区的计入“设在社区”，其余计入“设在村”；支部委员会按当日在任的班子成员不少于3人认定。")),
    "8": (gettext_lazy("民主评议党员情况"),
           gettext_lazy("按评议年度统计的民主评议结果，按评议活动所在党组织归属区域。")),
    "9": (gettext_lazy("党员教育培训情况"),
           gettext_lazy("当年开班的国家通用语言培训，按举办地归属区域。")),
}
TABLE_DESCRIPTIONS = [(code, title, description) for code, (title, description) in TITLES.items()]


@dataclass
class Row:
    area: Area | None          # None for the 合计 row
    label: str
    values: dict[str, int]

    def __getitem__(self, key):
        return self.values.get(key, 0)


@dataclass
class Table:
    code: str                  # "1" … (表一 …)
    title: str
    description: str
    unit: str
    columns: list[tuple[str, str]]   # (key, header)
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self) -> Row:
        return self.rows[0]

    def row_for(self, area_id) -> Row:
        return next(r for r in self.rows if (r.area.pk if r.area else TOTAL) == area_id)


@dataclass
class Check:
    label: str
    place: str
    left_label: str
    left: int
    right_label: str
    right: int
    relation: str = "="      # "=" or "≤"

    @property
    def passed(self) -> bool:
        return self.left == self.right if self.relation == "=" else self.left <= self.right


@dataclass
class Report:
    area: Area
    year: int
    tables: list[Table]
    checks: list[Check]
    # Saved changes still wait for their recompute: the dashboard's figures (and so the checks
    # 与仪表盘指标一致) may lag behind the tables, which read the records themselves.
    recompute_pending: bool = False

    @property
    def as_of(self):
        return year_end(self.year)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def table(self, code: str) -> Table:
        return next(t for t in self.tables if t.code == code)


class Places:
    """The area, its child areas (the rows of every table) and which row each area below adds to."""

    def __init__(self, area: Area):
        self.area = area
        self.children = area.child_areas()
        cut = len(area.path) + Area.steplen
        child_by_path = {c.path: c.pk for c in self.children}
        self.row_of: dict[int, int | str] = {}
        for pk, path in Area.objects.filter(path__startswith=area.path).values_list("pk", "path"):
            self.row_of[pk] = child_by_path.get(path[:cut], TOTAL) if pk != area.pk else TOTAL
        self.ids = sorted(self.row_of)

    def empty_rows(self) -> list[Row]:
        return [Row(None, _("合计"), {})] + [Row(c, c.name, {}) for c in self.children]

    def tally(self, table: Table, triples) -> Table:
        """Add (area_id, column key, n) triples into the table's rows: each into the 合计 row and
        into its child area's row; then the total column (TOTAL) of each row, if the table has one."""
        rows = table.rows = self.empty_rows()
        by_key = {TOTAL: rows[0], **{r.area.pk: r for r in rows[1:]}}
        for area_id, key, n in triples:
            place = self.row_of.get(area_id)
            if place is None or not n:
                continue
            targets = [rows[0]] if place == TOTAL else [rows[0], by_key[place]]
            for row in targets:
                row.values[key] = row.values.get(key, 0) + int(n)
        return table


def _age_band(end) -> Case:
    """The age band (index into cadres.dates.AGE_BANDS) on `end`: younger than N ⇔ born after the same
    day N years earlier (the farmer-herder under-30 indicator's rule)."""
    whens = [When(birth_date__gt=add_years(end, -upper), then=Value(i))
             for i, (upper, _label) in enumerate(AGE_BANDS) if upper is not None]
    return Case(*whens, default=Value(len(AGE_BANDS) - 1), output_field=IntegerField())


AGE_COLUMNS = [(f"age{i}", label) for i, (_upper, label) in enumerate(AGE_BANDS)]
EDUCATION_COLUMNS = [*Education.choices, (NO_EDUCATION, gettext_lazy("未填写"))]


def members_at_year_end(year: int, places: Places):
    """党员 on 31 December: 预备党员 or 正式党员 admitted by then and in good standing then, each in the
    area of their organization that day (as the farmer-herder indicators count them)."""
    end = year_end(year)
    return (PartyMember.objects.members_on(end).annotate(**{AREA_THEN: organization_area_on(end)})
            .limit_to_areas(AREA_THEN, places.ids))


def members_developed(year: int, places: Places):
    """Members developed in the year (接收为预备党员), by their organization at the year's end: the
    filter of `cadres.selectors.members_developed_by_area` (indicator personnel.members_developed)."""
    end = year_end(year)
    return (PartyMember.objects.filter(stage__gte=Stage.PROBATIONARY, admitted_on__gte=year_start(year),
                                       admitted_on__lte=end)
            .annotate(**{AREA_THEN: organization_area_on(end)}).limit_to_areas(AREA_THEN, places.ids))


def _grouped(queryset, *columns):
    return queryset.values(AREA_THEN, *columns).annotate(n=Count("pk")).values_list(
        AREA_THEN, *columns, "n").order_by()


def _breakdown_triples(queryset, end):
    """(area, key, n) for the total, sex, ethnicity, age band, education and occupation columns,
    each from its own GROUP BY (so that the 审核 checks compare independent counts)."""
    for area_id, n in _grouped(queryset):
        yield area_id, TOTAL, n
    for area_id, gender, n in _grouped(queryset, "gender"):
        yield area_id, gender, n
    for area_id, ethnicity, n in _grouped(queryset, "ethnicity"):
        yield area_id, HAN if ethnicity == HAN else MINORITY, n
        if ethnicity == TIBETAN:
            yield area_id, TIBETAN, n
    for area_id, band, n in _grouped(queryset.annotate(band=_age_band(end)), "band"):
        yield area_id, f"age{band}", n
    for area_id, education, n in _grouped(queryset, "education"):
        yield area_id, f"edu_{education or NO_EDUCATION}", n
    for area_id, occupation, n in _grouped(queryset, "occupation"):
        yield area_id, f"occ_{occupation}", n


SEX_COLUMNS = [("M", gettext_lazy("男")), ("F", gettext_lazy("女"))]
ETHNICITY_COLUMNS = [(HAN, gettext_lazy("汉族")), (MINORITY, gettext_lazy("少数民族")),
                     (TIBETAN, gettext_lazy("其中：藏族"))]


def _split(table_code, columns, triples, places, unit=None) -> Table:
    title, description = TITLES[table_code]
    table = Table(table_code, str(title), str(description), unit or _("人"), [(TOTAL, _("合计"))] + columns)
    return places.tally(table, triples)


def member_tables(year: int, places: Places) -> list[Table]:
    """表一至表四: members at the year's end by sex and ethnicity, age, education, occupation."""
    end = year_end(year)
    triples = list(_breakdown_triples(members_at_year_end(year, places), end))
    full = members_at_year_end(year, places).annotate(
        full=Case(When(full_member_on__lte=end, then=Value(1)), default=Value(0), output_field=IntegerField()))
    stage_triples = [(a, "full" if is_full else "probationary", n) for a, is_full, n in _grouped(full, "full")]
    women = engine.selector_rows(registry.get("personnel.farmer_herder_women"), year, set(places.ids))
    under_30 = engine.selector_rows(registry.get("personnel.farmer_herder_under_30"), year, set(places.ids))
    extra = [(a, "fh_women", n) for a, n in women] + [(a, "fh_under_30", n) for a, n in under_30]
    pick = {"M", "F", HAN, MINORITY, TIBETAN}
    return [
        _split("1", [("full", _("正式党员")), ("probationary", _("预备党员"))] + SEX_COLUMNS + ETHNICITY_COLUMNS,
               [t for t in triples if t[1] in pick or t[1] == TOTAL] + stage_triples, places),
        _split("2", AGE_COLUMNS,
               [t for t in triples if t[1] == TOTAL or t[1].startswith("age")], places),
        _split("3", [(f"edu_{k}", v) for k, v in EDUCATION_COLUMNS],
               [t for t in triples if t[1] == TOTAL or t[1].startswith("edu_")], places),
        _split("4", [(f"occ_{k}", v) for k, v in Occupation.choices]
               + [("fh_women", _("其中：农牧民女党员")), ("fh_under_30", _("其中：30岁以下农牧民党员"))],
               [t for t in triples if t[1] == TOTAL or t[1].startswith("occ_")] + extra, places),
    ]


def developed_table(year: int, places: Places) -> Table:
    """表五: members developed in the year, by the same breakdowns (age on 31 December)."""
    triples = list(_breakdown_triples(members_developed(year, places), year_end(year)))
    columns = (SEX_COLUMNS + ETHNICITY_COLUMNS[:2] + AGE_COLUMNS + [(f"edu_{k}", v) for k, v in EDUCATION_COLUMNS]
               + [(f"occ_{k}", v) for k, v in Occupation.choices])
    keep = {k for k, _label in columns}
    return _split("5", columns, [t for t in triples if t[1] == TOTAL or t[1] in keep], places)


def _left_key(status: str, kind: str = "") -> str:
    """The 表六 column of a member who left: the status, and for 出党 its kind (方式未填 if none)."""
    return f"{status}_{kind or KIND_UNRECORDED}" if status == Status.EXPELLED else status


# 表六's parts, in column order: what its 合计 is the sum of (the 审核 check).
LEFT_KEYS = [Status.DECEASED.value, *(_left_key(Status.EXPELLED, k) for k in [*LeftPartyKind.values, KIND_UNRECORDED]),
             *(s.value for s in LEFT_STATUSES if s not in (Status.DECEASED, Status.EXPELLED))]


def left_columns() -> list[tuple[str, str]]:
    """表六's columns after 合计: 死亡, 出党 by each kind and 方式未填, then the other statuses."""
    kinds = [*LeftPartyKind.choices, (KIND_UNRECORDED, _("方式未填"))]
    return ([(Status.DECEASED.value, Status.DECEASED.label)]
            + [(_left_key(Status.EXPELLED, kind), _("出党：%(kind)s") % {"kind": label}) for kind, label in kinds]
            + [(s.value, s.label) for s in LEFT_STATUSES if s not in (Status.DECEASED, Status.EXPELLED)])


def left_table(year: int, places: Places) -> Table:
    """表六: members who left during the year (death, 出党 …), by the kind of the status change; 出党
    by its kind (出党方式), those recorded without one as 方式未填."""
    end = year_end(year)
    left = (PartyMember.objects.filter(stage__gte=Stage.PROBATIONARY, status__in=LEFT_STATUSES,
                                       status_changed_on__gte=year_start(year), status_changed_on__lte=end)
            .annotate(**{AREA_THEN: organization_area_on(end)}).limit_to_areas(AREA_THEN, places.ids))
    triples = [(a, TOTAL, n) for a, n in _grouped(left)]
    triples += [(a, _left_key(status, kind), n) for a, status, kind, n in _grouped(left, "status", "left_party_kind")]
    return _split("6", left_columns(), triples, places)


def organization_table(year: int, places: Places) -> Table:
    """表七: organizations existing on 31 December by kind and by the level of where they sit, and the
    branches with 7 or more full members then, with and without a committee (3 posts or more held then)."""
    end = year_end(year)
    organizations = list(PartyOrganization.objects.existing_at_end_of(year).filter(area_id__in=places.ids)
                         .values_list("pk", "kind", "area_id", "area__level", "area__is_community"))
    ids = [pk for pk, *_rest in organizations]
    moved = OrganizationTransfer.objects.filter(Q(from_organization_id__in=ids) | Q(to_organization_id__in=ids))
    full_counts = dict(
        PartyMember.objects.members_on(end).filter(full_member_on__lte=end)
        .filter(Q(organization_id__in=ids) | Q(pk__in=moved.values("member_id")))
        .annotate(organization_then=organization_id_on(end)).values("organization_then")
        .annotate(n=Count("pk")).values_list("organization_then", "n").order_by())
    post_counts = dict(
        CommitteePost.objects.filter(organization_id__in=ids, term_start__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=end)).values("organization")
        .annotate(n=Count("pk")).values_list("organization", "n").order_by())
    triples = []
    for pk, kind, area_id, level, is_community in organizations:
        where = COMMUNITY if level == Area.Level.VILLAGE and is_community else level
        triples += [(area_id, TOTAL, 1), (area_id, kind, 1), (area_id, f"at_{where}", 1)]
        if kind in BRANCH_KINDS and full_counts.get(pk, 0) >= COMMITTEE_FROM_FULL_MEMBERS:
            triples.append((area_id, "seven", 1))
            has_committee = post_counts.get(pk, 0) >= COMMITTEE_MIN_POSTS
            triples.append((area_id, "seven_committee" if has_committee else "seven_no_committee", 1))
    columns = ([(k.value, k.label) for k in PartyOrganization.Kind]
               + location_columns()
               + [("seven", _("正式党员7人及以上的党支部")), ("seven_committee", _("其中：已设支部委员会")),
                  ("seven_no_committee", _("其中：未设支部委员会"))])
    return _split("7", columns, triples, places, unit=_("个"))


def _indicator_triples(code: str, key: str, year: int, places: Places):
    return [(row[0], key, row[1]) for row in engine.selector_rows(registry.get(code), year, set(places.ids))]


def evaluation_table(year: int, places: Places) -> Table:
    """表八: the year's democratic evaluation, by the dashboard's own selectors."""
    triples = _indicator_triples("systems.rating_evaluated_total", TOTAL, year, places)
    for slug, _label in RATINGS:
        triples += _indicator_triples(f"systems.rating_{slug}", slug, year, places)
    return _split("8", [(slug, label) for slug, label in RATINGS], triples, places)


def training_table(year: int, places: Places) -> Table:
    """表九: the year's national common language training, by the dashboard's own selectors."""
    triples = (_indicator_triples("personnel.language_training_sessions", "sessions", year, places)
               + _indicator_triples("personnel.language_training_attendance", "attendance", year, places))
    table = Table("9", str(TITLES["9"][0]), str(TITLES["9"][1]), _("期、人次"),
                  [("sessions", _("培训期数")), ("attendance", _("参训人次"))])
    return places.tally(table, triples)


# The figures that are the dashboard's indicators: (table, column, indicator code).
INDICATOR_CELLS = [
    ("4", "occ_farmer_herder", "personnel.farmer_herder_members"),
    ("4", "fh_women", "personnel.farmer_herder_women"),
    ("4", "fh_under_30", "personnel.farmer_herder_under_30"),
    ("5", TOTAL, "personnel.members_developed"),
    *[("7", k.value, f"org.organizations.{k.value}") for k in PartyOrganization.Kind],
    ("8", TOTAL, "systems.rating_evaluated_total"),
    *[("8", slug, f"systems.rating_{slug}") for slug, _label in RATINGS],
    ("9", "sessions", "personnel.language_training_sessions"),
    ("9", "attendance", "personnel.language_training_attendance"),
]


def _stored(places: Places, year: int) -> dict[tuple[int, str], Decimal]:
    codes = [code for *_cell, code in INDICATOR_CELLS]
    area_ids = [places.area.pk] + [c.pk for c in places.children]
    return {(s.area_id, s.code): s.value for s in IndicatorSnapshot.objects.filter(
        year=year, area_id__in=area_ids, code__in=codes).only("area_id", "code", "value")}


def _sum(row: Row, keys) -> int:
    return sum(row[k] for k in keys)


def checks_for(tables: dict[str, Table], stored, places: Places) -> list[Check]:
    """The 审核 checks, row by row (合计 and each child area)."""
    checks: list[Check] = []
    t1, t2, t3, t4, t5, t6, t7 = (tables[c] for c in "1234567")
    header = {t.code: dict(t.columns) for t in tables.values()}

    def name(table: Table, key: str) -> str:
        return _("表%(n)s%(column)s") % {"n": table.code, "column": header[table.code][key]}

    def parts(table: Table, keys) -> str:
        return _("表%(n)s%(columns)s之和") % {"n": table.code, "columns": "+".join(str(header[table.code][k]) for k in keys)}

    for index, row1 in enumerate(t1.rows):
        place = places.area.name if row1.area is None else row1.area.name

        def same(label, left_label, left, right_label, right, relation="=", place=place):
            checks.append(Check(label, place, left_label, left, right_label, right, relation))

        row = {code: table.rows[index] for code, table in tables.items()}
        splits = [(t1, ["full", "probationary"]), (t1, ["M", "F"]), (t1, [HAN, MINORITY]),
                  (t2, [k for k, _l in AGE_COLUMNS]), (t3, [f"edu_{k}" for k, _l in EDUCATION_COLUMNS]),
                  (t4, [f"occ_{k}" for k, _l in Occupation.choices])]
        for table, keys in splits:
            same(_("党员总数与分项之和一致"), name(t1, TOTAL), row1[TOTAL], parts(table, keys), _sum(row[table.code], keys))
        same(_("藏族党员不超过少数民族党员"), name(t1, TIBETAN), row1[TIBETAN], name(t1, MINORITY), row1[MINORITY], "≤")
        for table in (t2, t3, t4):
            same(_("各表党员总数一致"), name(t1, TOTAL), row1[TOTAL], name(table, TOTAL), row[table.code][TOTAL])
        for key in ("fh_women", "fh_under_30"):
            same(_("农牧民党员分项不超过农牧民党员"), name(t4, key), row[t4.code][key], name(t4, "occ_farmer_herder"),
                 row[t4.code]["occ_farmer_herder"], "≤")
        r5 = row[t5.code]
        for keys in (["M", "F"], [HAN, MINORITY], [k for k, _l in AGE_COLUMNS],
                     [f"edu_{k}" for k, _l in EDUCATION_COLUMNS], [f"occ_{k}" for k, _l in Occupation.choices]):
            same(_("发展党员总数与分项之和一致"), name(t5, TOTAL), r5[TOTAL], parts(t5, keys), _sum(r5, keys))
        same(_("发展党员数不超过年末党员数与减少党员数之和"), name(t5, TOTAL), r5[TOTAL],
             _("表1合计+表6合计"), row1[TOTAL] + row[t6.code][TOTAL], "≤")
        same(_("减少党员总数与分项之和一致"), name(t6, TOTAL), row[t6.code][TOTAL],
             parts(t6, LEFT_KEYS), _sum(row[t6.code], LEFT_KEYS))
        r7 = row[t7.code]
        same(_("党组织总数与分项之和一致"), name(t7, TOTAL), r7[TOTAL], parts(t7, [k.value for k in PartyOrganization.Kind]),
             _sum(r7, [k.value for k in PartyOrganization.Kind]))
        same(_("党组织总数与分项之和一致"), name(t7, TOTAL), r7[TOTAL],
             parts(t7, LOCATION_KEYS), _sum(r7, LOCATION_KEYS))
        same(_("正式党员7人及以上的党支部与分项之和一致"), name(t7, "seven"), r7["seven"],
             parts(t7, ["seven_committee", "seven_no_committee"]), r7["seven_committee"] + r7["seven_no_committee"])
        r8 = row["8"]
        same(_("参加评议党员数与各等次之和一致"), name(tables["8"], TOTAL), r8[TOTAL],
             parts(tables["8"], [s for s, _l in RATINGS]), _sum(r8, [s for s, _l in RATINGS]))
        area_id = places.area.pk if row1.area is None else row1.area.pk
        for code, key, indicator_code in INDICATOR_CELLS:
            value = stored.get((area_id, indicator_code))
            indicator = registry.get(indicator_code)  # a renamed indicator fails here, never drops its check
            same(_("与仪表盘指标一致"), name(tables[code], key), row[code][key],
                 _("仪表盘：%(indicator)s") % {"indicator": indicator.name}, int(value or 0))
    return checks


def annual_report(area: Area, year: int) -> Report:
    places = Places(area)
    tables = [*member_tables(year, places), developed_table(year, places), left_table(year, places),
              organization_table(year, places), evaluation_table(year, places), training_table(year, places)]
    by_code = {t.code: t for t in tables}
    return Report(area, year, tables, checks_for(by_code, _stored(places, year), places),
                  recompute_pending=pending_for(path=area.path, year=year))
