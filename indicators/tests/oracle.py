"""An independent oracle for the indicator catalogue: each indicator recomputed by hand-written SQL.

Every function here is written from the indicator's definition (its Chinese name and
description_zh, DOMAIN.md and the source article), over the raw tables, with `connection.cursor()`:
no pillar selector, queryset, manager or helper is used, so a wrong selector cannot make its own
oracle agree with it. Each oracle has two parts:

- a *facts* query: one row per record, `(area_id, numerator, denominator)` — the area the record
  belongs to and what it adds to the numerator and (for a rate) to the denominator;
- the same roll-up for all of them (`_rolled_up`): a node's total is the sum of the facts of every
  area whose tree path starts with the node's path (the node itself and all its descendants).

So `ORACLES[code](year)` is `{area_id: (numerator, denominator)}` for EVERY node of the tree
(village, township, county, prefecture), zeros included, and `compare(year)` lists where the stored
IndicatorSnapshot rows disagree. Nothing depends on the demo data set: catalogue rows are named by
their stable codes, areas by their tree paths, so a Hypothesis state machine can call
`compare(year)` after building any small tree.

The SQL is portable between SQLite and PostgreSQL: dates are bound as parameters and compared as
ranges (no EXTRACT/strftime), boolean columns are used bare as conditions (both read them as truth
values), money is summed in whole fen (CAST(ROUND(amount * 100) AS BIGINT)) because SQLite keeps
decimals as floating point.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Callable

from django.apps import apps
from django.db import connection

CENT = Decimal("0.01")
ZERO = Decimal(0)


def _t(label: str) -> str:
    """The table of a model ("app.Model")."""
    return connection.ops.quote_name(apps.get_model(label)._meta.db_table)


def _start(year: int) -> date:
    return date(year, 1, 1)


def _end(year: int) -> date:
    return date(year, 12, 31)


def _money(column: str) -> str:
    """An amount in yuan as whole fen (exact on SQLite, where decimals are stored as floats)."""
    return f"CAST(ROUND({column} * 100) AS BIGINT)"


def _rolled_up(facts_sql: str, params: list, *, scale: int = 1) -> dict[int, tuple[Decimal, Decimal]]:
    """{area_id: (numerator, denominator)} at every node: the node's own facts plus its descendants'
    (the facts are summed per area first, so the record query runs once, not once per ancestor).

    `facts_sql` selects (area_id, num, den), one row per record; `scale` divides the sums (100 for
    amounts summed in fen)."""
    area = _t("branches.Area")
    sql = f"""
        WITH facts (area_id, num, den) AS ({facts_sql}),
             own (area_id, num, den) AS (SELECT area_id, SUM(num), SUM(den) FROM facts GROUP BY area_id)
        SELECT node.id, COALESCE(SUM(own.num), 0), COALESCE(SUM(own.den), 0)
        FROM {area} node
        LEFT JOIN {area} sub ON sub.path LIKE node.path || '%%'
        LEFT JOIN own ON own.area_id = sub.id
        GROUP BY node.id
    """  # nosec B608 - table names from _meta, values bound as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {area_id: (Decimal(num) / scale, Decimal(den) / scale) for area_id, num, den in rows}


# --- when a record counts ---------------------------------------------------------------------------
# A stock counts what exists on 31 December of the year; a flow counts what is dated inside the year.

def _org_exists_at_end(alias: str) -> str:
    """A party organization existing on 31 December (founded by then, not yet merged or dissolved):
    two parameters, both the year's end."""
    return (f"({alias}.founded_on IS NULL OR {alias}.founded_on <= %s) "
            f"AND ({alias}.status = 'active' OR {alias}.status_changed_on >= %s)")


def _party_member_on(alias: str) -> str:
    """A party member (预备党员 or 正式党员, 党籍正常) on a day: two parameters, both the day."""
    return (f"({alias}.stage >= 4 AND {alias}.admitted_on <= %s "
            f"AND ({alias}.status = 'normal' OR {alias}.status_changed_on >= %s))")


# --- 基本组织 ----------------------------------------------------------------------------------------

def relocation_site_orgs(year):
    """易地搬迁点和抵边搬迁安置点党组织数: organizations flagged as set up at a relocation site or a
    border resettlement site, existing at the year's end, in their own area."""
    end = _end(year)
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0 FROM {_t("branches.PartyOrganization")} o
        WHERE (o.at_relocation_site OR o.at_border_resettlement_site) AND {_org_exists_at_end("o")}
    """, [end, end])


def relocation_work_group_branches(year):
    """搬迁安置点党组织下设作业组党支部数: work-group branches existing at the year's end whose parent
    organization is a relocation-site or border-resettlement-site organization."""
    end = _end(year)
    org = _t("branches.PartyOrganization")
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0 FROM {org} o JOIN {org} p ON p.id = o.parent_id
        WHERE o.kind = 'work_group_branch' AND (p.at_relocation_site OR p.at_border_resettlement_site)
          AND {_org_exists_at_end("o")}
    """, [end, end])


def organizations_of_kind(kind):
    def oracle(year):
        """党委/党总支/党支部/作业组党支部数: organizations of the kind existing at the year's end."""
        end = _end(year)
        return _rolled_up(f"""
            SELECT o.area_id, 1, 0 FROM {_t("branches.PartyOrganization")} o
            WHERE o.kind = %s AND {_org_exists_at_end("o")}
        """, [kind, end, end])
    return oracle


def _designations(kind_column: str, value: str):
    def oracle(year):
        """Designations held at the year's end (granted in or before the year, not revoked by its
        end), counted where the designated organization is now, or at the designated village."""
        return _rolled_up(f"""
            SELECT COALESCE(o.area_id, d.village_id), 1, 0
            FROM {_t("branches.Designation")} d
            JOIN {_t("branches.DesignationKind")} k ON k.id = d.kind_id
            LEFT JOIN {_t("branches.PartyOrganization")} o ON o.id = d.organization_id
            WHERE k.{connection.ops.quote_name(kind_column)} = %s
              AND d.year <= %s AND (d.revoked_on IS NULL OR d.revoked_on >= %s)
        """, [value, year, _end(year)])
    return oracle


def designations_of_group(group):
    return _designations("group", group)


def designations_of_kind(code):
    return _designations("code", code)


def weak_orgs(year):
    """认定软弱涣散党组织数: rectifications identified in the year, at the organization's area."""
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0 FROM {_t("branches.Rectification")} r
        JOIN {_t("branches.PartyOrganization")} o ON o.id = r.organization_id
        WHERE r.year = %s
    """, [year])


def _per_rectification(label: str):
    def oracle(year):
        """明确整改责任人数 / 整改措施数 of the rectifications identified in the year."""
        return _rolled_up(f"""
            SELECT o.area_id, 1, 0 FROM {_t(label)} x
            JOIN {_t("branches.Rectification")} r ON r.id = x.rectification_id
            JOIN {_t("branches.PartyOrganization")} o ON o.id = r.organization_id
            WHERE r.year = %s
        """, [year])
    return oracle


# --- 换届 (orglife) ---------------------------------------------------------------------------------
# The next term of an organization is the one with the earliest later start; the due date is the
# stored one (its rule, by organization kind, is tested by hand in orglife/tests).

def _next_term_started_by(alias: str) -> str:
    """A later term of the same organization started on or before a day: one parameter, the day."""
    return (f"EXISTS (SELECT 1 FROM {_t('orglife.Term')} n WHERE n.organization_id = {alias}.organization_id "
            f"AND n.start_date > {alias}.start_date AND n.start_date <= %s)")


def terms_due(year):
    """任期届满应换届的党组织届次数: terms whose due date falls in the year, of organizations existing at its end."""
    end = _end(year)
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0
        FROM {_t("orglife.Term")} t JOIN {_t("branches.PartyOrganization")} o ON o.id = t.organization_id
        WHERE {_org_exists_at_end("o")} AND t.due_on BETWEEN %s AND %s
    """, [end, end, _start(year), end])


def terms_overdue(year):
    """到期未换届的党组织届次数: on 31 December, terms past their due date with no later term started by then."""
    end = _end(year)
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0
        FROM {_t("orglife.Term")} t JOIN {_t("branches.PartyOrganization")} o ON o.id = t.organization_id
        WHERE {_org_exists_at_end("o")} AND t.due_on < %s AND t.start_date <= %s AND NOT {_next_term_started_by("t")}
    """, [end, end, end, end, end])


def terms_on_time_rate(year):
    """按期换届率: of the terms due in the year, those whose next term was elected on or before the due date."""
    end = _end(year)
    term = _t("orglife.Term")
    return _rolled_up(f"""
        SELECT o.area_id,
               CASE WHEN EXISTS (SELECT 1 FROM {term} n WHERE n.organization_id = t.organization_id
                                   AND n.election_date <= t.due_on
                                   AND n.start_date = (SELECT MIN(m.start_date) FROM {term} m
                                                       WHERE m.organization_id = t.organization_id
                                                         AND m.start_date > t.start_date))
                    THEN 1 ELSE 0 END,
               1
        FROM {term} t JOIN {_t("branches.PartyOrganization")} o ON o.id = t.organization_id
        WHERE {_org_exists_at_end("o")} AND t.due_on BETWEEN %s AND %s
    """, [end, end, _start(year), end])


# --- 述职评议考核 (orglife) ---------------------------------------------------------------------------

def _appraisals(grade: str | None, *, rate: bool):
    def oracle(year):
        """述职评议考核: the year's appraisals of secretaries, at the organization's area; the numerator
        counts `grade` (every appraisal when None), the denominator every appraisal."""
        numerator = "1" if grade is None else "CASE WHEN a.grade = %s THEN 1 ELSE 0 END"
        params = [] if grade is None else [grade]
        return _rolled_up(f"""
            SELECT o.area_id, {numerator}, {1 if rate else 0}
            FROM {_t("orglife.SecretaryAppraisal")} a
            JOIN {_t("branches.PartyOrganization")} o ON o.id = a.organization_id
            WHERE a.year = %s
        """, params + [year])
    return oracle


def appraisal_follow_ups_overdue(year):
    """述职评议考核整改逾期未完成数: on 31 December, appraisals graded 一般/差 assessed by then whose
    rectification deadline had passed and that were not rectified by that day."""
    end = _end(year)
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0
        FROM {_t("orglife.SecretaryAppraisal")} a
        JOIN {_t("branches.PartyOrganization")} o ON o.id = a.organization_id
        WHERE a.grade IN ('average', 'poor') AND a.assessed_on <= %s AND a.rectification_deadline < %s
          AND (a.rectified_on IS NULL OR a.rectified_on > %s)
    """, [end, end, end])


# --- 基本队伍 ----------------------------------------------------------------------------------------

def _serving_two_committee(numerator_sql: str, numerator_params: list, year: int, *, rate: bool):
    """Village two-committee members serving on 31 December (term started by then, not ended
    before it), at their village; the numerator is 1 where `numerator_sql` holds."""
    end = _end(year)
    return _rolled_up(f"""
        SELECT c.village_id, CASE WHEN {numerator_sql} THEN 1 ELSE 0 END, {1 if rate else 0}
        FROM {_t("cadres.TwoCommitteeMember")} c
        LEFT JOIN {_t("cadres.PartyMember")} m ON m.id = c.member_id
        WHERE c.term_start <= %s AND (c.term_end IS NULL OR c.term_end >= %s)
    """, numerator_params + [end, end])


def two_committee_party_member_rate(year):
    """村“两委”班子成员中党员占比: of the members serving at the year's end, those whose member record
    is a party member on that day (admitted as 预备党员 or 正式党员 by then, 党籍正常 then)."""
    end = _end(year)
    return _serving_two_committee(f"m.id IS NOT NULL AND {_party_member_on('m')}", [end, end], year, rate=True)


def _proficient_sql() -> str:
    return (f"EXISTS (SELECT 1 FROM {_t('cadres.LanguageAssessment')} a "
            "WHERE a.person_id = c.id AND a.year = %s AND a.level >= 3)")  # 3 = 能懂会说日常语句


def language_proficient_count(year):
    """Serving two-committee members assessed in the year as 能懂会说日常语句 or better."""
    return _serving_two_committee(_proficient_sql(), [year], year, rate=False)


def language_proficiency_rate(year):
    """…of the serving two-committee members (the unassessed count in the denominator only)."""
    return _serving_two_committee(_proficient_sql(), [year], year, rate=True)


def _language_training(value_sql: str):
    def oracle(year):
        """国家通用语言培训期数 / 人次: sessions started in the year, at the session's area."""
        return _rolled_up(f"""
            SELECT s.area_id, {value_sql}, 0 FROM {_t("cadres.LanguageTrainingSession")} s
            WHERE s.started_on >= %s AND s.started_on <= %s
        """, [_start(year), _end(year)])
    return oracle


def _organization_on() -> str:
    """The id of the organization member `m` belonged to on a day (one parameter, the day): the one
    they left by their first transfer dated after the day, or their current one if they have not
    moved since (a transfer dated on the day has happened by then)."""
    return (f"COALESCE((SELECT t.from_organization_id FROM {_t('cadres.OrganizationTransfer')} t "
            "WHERE t.member_id = m.id AND t.transferred_on > %s ORDER BY t.transferred_on, t.id LIMIT 1), "
            "m.organization_id)")


def _farmer_herder_members(extra_sql: str = "", extra_params=()):
    def oracle(year):
        """农牧民党员: farmer/herder party members on 31 December, counted at the area of the
        organization they belonged to that day."""
        end = _end(year)
        return _rolled_up(f"""
            SELECT o.area_id, 1, 0
            FROM {_t("cadres.PartyMember")} m
            JOIN {_t("branches.PartyOrganization")} o ON o.id = {_organization_on()}
            WHERE m.occupation = 'farmer_herder' AND {_party_member_on("m")} {extra_sql}
        """, [end, end, end, *extra_params])
    return oracle


def farmer_herder_under_30(year):
    """30岁以下农牧民党员: not yet 30 on 31 December, i.e. born after 31 December of year − 30."""
    return _farmer_herder_members("AND m.birth_date > %s", [date(year - 30, 12, 31)])(year)


def members_developed(year):
    """发展党员数: people admitted as 预备党员 during the year (whatever became of them since), at the
    area of the organization they belonged to on 31 December."""
    end = _end(year)
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0
        FROM {_t("cadres.PartyMember")} m
        JOIN {_t("branches.PartyOrganization")} o ON o.id = {_organization_on()}
        WHERE m.stage >= 4 AND m.admitted_on >= %s AND m.admitted_on <= %s
    """, [end, _start(year), end])


def cadres_sent(year):
    """驻村干部: cadres sent down who were in post at any time during the year, at their village."""
    return _rolled_up(f"""
        SELECT s.village_id, 1, 0 FROM {_t("cadres.SentCadre")} s
        WHERE s.started_on <= %s AND (s.ended_on IS NULL OR s.ended_on >= %s)
    """, [_end(year), _start(year)])


def _cadre_logs(kind):
    def oracle(year):
        """驻村干部解决问题 / 政策宣讲: the counts of work-log entries dated in the year."""
        return _rolled_up(f"""
            SELECT s.village_id, g."count", 0 FROM {_t("cadres.CadreWorkLog")} g
            JOIN {_t("cadres.SentCadre")} s ON s.id = g.cadre_id
            WHERE g.kind = %s AND g.logged_on >= %s AND g.logged_on <= %s
        """, [kind, _start(year), _end(year)])
    return oracle


# --- 基本活动 (and the activity-based figures of 基本队伍 and 基本能力) ----------------------------------

def _activities(kinds, value_sql: str = "1", *, pairing_only: bool = False, month: int | None = None):
    def oracle(year):
        """Activities of these kinds (catalogue codes) held in the year (or one month of it), at the
        village where they were held; `value_sql` is what each adds (1 per session, or a column)."""
        if month is None:
            first, last = _start(year), _end(year)
        else:
            first = date(year, month, 1)
            last = _end(year) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)
        where_kind = ""
        params = [first, last]
        if kinds is not None:
            where_kind = f"AND k.code IN ({', '.join(['%s'] * len(kinds))})"
            params += list(kinds)
        return _rolled_up(f"""
            SELECT a.village_id, {value_sql}, 0 FROM {_t("activities.Activity")} a
            JOIN {_t("activities.ActivityKind")} k ON k.id = a.kind_id
            WHERE a.held_on >= %s AND a.held_on <= %s {where_kind}
              {"AND a.pairing_id IS NOT NULL" if pairing_only else ""}
        """, params)
    return oracle


def service_halls(year):
    """一站式便民服务大厅: halls opened by 31 December and not closed by then (a hall closed on
    31 December no longer counts)."""
    end = _end(year)
    return _rolled_up(f"""
        SELECT h.village_id, 1, 0 FROM {_t("activities.ServiceHall")} h
        WHERE h.opened_on <= %s AND (h.closed_on IS NULL OR h.closed_on >= %s)
    """, [end, end])


def contact_cards(year):
    """发放便民联系卡: cards handed out in the year (the count of each batch)."""
    return _rolled_up(f"""
        SELECT c.village_id, c."count", 0 FROM {_t("activities.ContactCardIssue")} c
        WHERE c.issued_on >= %s AND c.issued_on <= %s
    """, [_start(year), _end(year)])


def proxy_matters(year):
    """代办事项: matters accepted in the year, whatever their outcome."""
    return _rolled_up(f"""
        SELECT p.village_id, 1, 0 FROM {_t("activities.ProxyMatter")} p
        WHERE p.accepted_on >= %s AND p.accepted_on <= %s
    """, [_start(year), _end(year)])


# --- 基本制度 ----------------------------------------------------------------------------------------

def _ratings(rating: str | None, *, rate: bool):
    def oracle(year):
        """民主评议: the year's evaluation results, at the area of the campaign's organization; the
        numerator counts `rating` (every result when None), the denominator every result."""
        numerator = "1" if rating is None else "CASE WHEN r.rating = %s THEN 1 ELSE 0 END"
        params = [] if rating is None else [rating]
        return _rolled_up(f"""
            SELECT o.area_id, {numerator}, {1 if rate else 0}
            FROM {_t("evaluations.EvaluationResult")} r
            JOIN {_t("evaluations.EvaluationCampaign")} c ON c.id = r.campaign_id
            JOIN {_t("branches.PartyOrganization")} o ON o.id = c.organization_id
            WHERE r.year = %s
        """, params + [year])
    return oracle


def record_books_and_boards(year):
    """组织生活记录本和提醒提示牌: books plus boards issued for the year."""
    return _rolled_up(f"""
        SELECT o.area_id, b.books + b.boards, 0 FROM {_t("evaluations.RecordBookIssue")} b
        JOIN {_t("branches.PartyOrganization")} o ON o.id = b.organization_id
        WHERE b.year = %s
    """, [year])


def _meetings(flag: str):
    def oracle(year):
        """“九个一” / “三会一课”: organization-life meetings held in the year whose kind is flagged so."""
        return _rolled_up(f"""
            SELECT o.area_id, 1, 0 FROM {_t("evaluations.OrganizationLifeMeeting")} g
            JOIN {_t("evaluations.MeetingKind")} k ON k.id = g.kind_id
            JOIN {_t("branches.PartyOrganization")} o ON o.id = g.organization_id
            WHERE k.{flag} AND g.held_on >= %s AND g.held_on <= %s
        """, [_start(year), _end(year)])
    return oracle


def heart_to_heart_talks(year):
    """谈心谈话: talks held in the year, at the organization's area."""
    return _rolled_up(f"""
        SELECT o.area_id, 1, 0 FROM {_t("evaluations.HeartToHeartTalk")} h
        JOIN {_t("branches.PartyOrganization")} o ON o.id = h.organization_id
        WHERE h.held_on >= %s AND h.held_on <= %s
    """, [_start(year), _end(year)])


# --- 基本能力 ----------------------------------------------------------------------------------------

def _periods(label: str, area_column: str, value_sql: str = "1"):
    def oracle(year):
        """A stock of records with a start and an optional (inclusive) end date: those running on
        31 December, at their village."""
        end = _end(year)
        return _rolled_up(f"""
            SELECT x.{area_column}, {value_sql}, 0 FROM {_t(label)} x
            WHERE x.started_on <= %s AND (x.ended_on IS NULL OR x.ended_on >= %s)
        """, [end, end])
    return oracle


def dispute_screenings(year):
    """矛盾纠纷排查: screenings held in the year."""
    return _rolled_up(f"""
        SELECT s.village_id, 1, 0 FROM {_t("capacity.DisputeScreening")} s
        WHERE s.screened_on >= %s AND s.screened_on <= %s
    """, [_start(year), _end(year)])


def _disputes(numerator_sql: str, denominator_sql: str):
    def oracle(year):
        """Disputes found in the year (the rates are per year of finding), at their village."""
        return _rolled_up(f"""
            SELECT d.village_id, CASE WHEN {numerator_sql} THEN 1 ELSE 0 END,
                   CASE WHEN {denominator_sql} THEN 1 ELSE 0 END
            FROM {_t("capacity.DisputeCase")} d
            WHERE d.found_on >= %s AND d.found_on <= %s
        """, [_start(year), _end(year)])
    return oracle


def collective_economy_demo_villages(year):
    """集体经济示范村: villages designated in or before the year."""
    return _rolled_up(f"""
        SELECT v.village_id, 1, 0 FROM {_t("capacity.CollectiveEconomyDemoVillage")} v
        WHERE v.designated_year <= %s
    """, [year])


# --- 基本保障 ----------------------------------------------------------------------------------------

def _venues(value_sql: str, extra_sql: str = "", *, scale: int = 1):
    def oracle(year):
        """Village activity venues whose upgrade was completed by 31 December."""
        return _rolled_up(f"""
            SELECT v.village_id, {value_sql}, 0 FROM {_t("funding.VenueUpgrade")} v
            WHERE v.status = 'completed' AND v.completed_on <= %s {extra_sql}
        """, [_end(year)], scale=scale)
    return oracle


def _projects(value_sql: str, *, scale: int = 1):
    def oracle(year):
        """村级集体经济项目 started (立项) in the year, at their village."""
        return _rolled_up(f"""
            SELECT p.village_id, {value_sql}, 0 FROM {_t("funding.CollectiveEconomyProject")} p
            WHERE p.start_year = %s
        """, [year], scale=scale)
    return oracle


def allocations_total(year):
    """拨付资金总额: every allocation of the year (all sources and purposes), at the village."""
    return _rolled_up(f"""
        SELECT a.village_id, {_money("a.amount")}, 0 FROM {_t("funding.Allocation")} a WHERE a.year = %s
    """, [year], scale=100)


def expenditures_total(year):
    """支出总额: expenditures dated in the year, at the village of the ledger they are booked in."""
    return _rolled_up(f"""
        SELECT l.village_id, {_money("e.amount")}, 0 FROM {_t("funding.Expenditure")} e
        JOIN {_t("funding.VillageLedger")} l ON l.id = e.ledger_id
        WHERE e.spent_on >= %s AND e.spent_on <= %s
    """, [_start(year), _end(year)], scale=100)


def utilization_rate(year):
    """资金使用率: of the year's allocations (denominator: their amounts), what has been spent
    against them, whenever spent (numerator), at the allocation's village."""
    spent = f"(SELECT SUM({_money('e.amount')}) FROM {_t('funding.Expenditure')} e WHERE e.allocation_id = a.id)"
    return _rolled_up(f"""
        SELECT a.village_id, COALESCE({spent}, 0), {_money("a.amount")} FROM {_t("funding.Allocation")} a
        WHERE a.year = %s
    """, [year], scale=100)


# --- 党费 (filed under 基本制度) ---------------------------------------------------------------------

def _dues_months_through(year: int) -> int:
    """The last ledger month counted for `year`, as year × 100 + month: December, or the current
    month in the current year (a month paid ahead is not owed yet)."""
    today = date.today()
    return min(year * 100 + 12, today.year * 100 + today.month)


def dues_collection_rate(year):
    """党费收缴率: the year's ledger lines up to now that are owed (not an approved exemption, amount 0):
    denominator one per line, numerator one per line paid (whenever paid), at the branch's area."""
    return _rolled_up(f"""
        SELECT o.area_id, CASE WHEN l.payment_id IS NULL THEN 0 ELSE 1 END, 1
        FROM {_t("dues.DuesLedgerLine")} l JOIN {_t("dues.DuesLedger")} g ON g.id = l.ledger_id
        JOIN {_t("branches.PartyOrganization")} o ON o.id = g.organization_id
        WHERE g.year = %s AND g.year * 100 + g.month <= %s AND (l.amount_due IS NULL OR l.amount_due <> 0)
    """, [year, _dues_months_through(year)])


def dues_amount_collected(year):
    """收缴党费金额: payments dated in the year, at the area of the branch they were paid to."""
    return _rolled_up(f"""
        SELECT o.area_id, {_money("p.amount")}, 0 FROM {_t("dues.DuesPayment")} p
        JOIN {_t("branches.PartyOrganization")} o ON o.id = p.organization_id
        WHERE p.paid_on >= %s AND p.paid_on <= %s
    """, [_start(year), _end(year)], scale=100)


def dues_members_in_arrears(year):
    """欠交党费3个月以上的党员: members who on 31 December owe one branch 3 or more months (lines up to
    then, owed, unpaid or paid after that day), once per member in the branch's area."""
    return _rolled_up(f"""
        SELECT area_id, 1, 0 FROM (SELECT DISTINCT o.area_id, owing.member_id FROM (
            SELECT g.organization_id, l.member_id FROM {_t("dues.DuesLedgerLine")} l
            JOIN {_t("dues.DuesLedger")} g ON g.id = l.ledger_id
            LEFT JOIN {_t("dues.DuesPayment")} p ON p.id = l.payment_id
            WHERE g.year * 100 + g.month <= %s AND (l.amount_due IS NULL OR l.amount_due <> 0)
              AND (p.id IS NULL OR p.paid_on > %s)
            GROUP BY g.organization_id, l.member_id HAVING COUNT(*) >= 3) owing
        JOIN {_t("branches.PartyOrganization")} o ON o.id = owing.organization_id) members
    """, [_dues_months_through(year), _end(year)])


# --- the catalogue -----------------------------------------------------------------------------------

ACTIVITY_CODES = {
    "activities.political_study": ("political_study",), "activities.theme_party_days": ("theme_party_day",),
    "activities.publicity": ("publicity",), "activities.volunteer_services": ("volunteer_service",),
    "personnel.three_talks": ("three_talks",), "personnel.five_star_ratings": ("five_star",),
    "capacity.ecology_talks": ("ecology_talk",), "capacity.ecology_volunteer_services": ("ecology_service",),
    "capacity.six_clean_campaigns": ("six_clean",),
}
PAIRING_ACTIVITY_CODES = {
    "capacity.party_lectures": ("party_lecture",), "capacity.defence_education": ("defence_education",),
    "capacity.drills": ("drill",),
}
RATINGS = ["excellent", "qualified", "basically_qualified", "unqualified", "ungraded"]
APPRAISAL_GRADES = ["good", "fairly_good", "average", "poor"]

ORACLES: dict[str, Callable[[int], dict[int, tuple[Decimal, Decimal]]]] = {
    # 基本组织
    "org.relocation_site_orgs": relocation_site_orgs,
    "org.relocation_work_group_branches": relocation_work_group_branches,
    **{f"org.organizations.{kind}": organizations_of_kind(kind)
       for kind in ("committee", "general_branch", "branch", "work_group_branch")},
    **{f"org.designations.{group}": designations_of_group(group)
       for group in ("brand_village", "baijia", "four_creations", "other_demonstration")},
    **{f"org.designations.{code}": designations_of_kind(code)
       for code in ("putonghua", "rural_revitalization", "grassroots_governance")},
    "org.weak_orgs": weak_orgs,
    "org.weak_responsible_persons": _per_rectification("branches.ResponsiblePerson"),
    "org.weak_measures": _per_rectification("branches.Measure"),
    "org.terms_due": terms_due,
    "org.terms_overdue": terms_overdue,
    "org.terms_on_time_rate": terms_on_time_rate,
    # 基本队伍
    "personnel.two_committee_party_member_rate": two_committee_party_member_rate,
    "personnel.language_proficient_count": language_proficient_count,
    "personnel.language_proficiency_rate": language_proficiency_rate,
    "personnel.language_training_sessions": _language_training("1"),
    "personnel.language_training_attendance": _language_training("s.attendance"),
    "personnel.farmer_herder_members": _farmer_herder_members(),
    "personnel.farmer_herder_women": _farmer_herder_members("AND m.gender = 'F'"),
    "personnel.farmer_herder_under_30": farmer_herder_under_30,
    "personnel.members_developed": members_developed,
    "personnel.cadres_sent": cadres_sent,
    "personnel.cadre_problems_solved": _cadre_logs("problem"),
    "personnel.cadre_policy_talks": _cadre_logs("policy_talk"),
    # 基本活动
    **{code: _activities(kinds) for code, kinds in ACTIVITY_CODES.items()},
    "activities.political_study_person_times": _activities(("political_study",), "a.person_times"),
    "activities.problems_solved": _activities(("theme_party_day", "volunteer_service"), "a.problems_solved"),
    "activities.service_halls": service_halls,
    "activities.contact_cards": contact_cards,
    "activities.proxy_matters": proxy_matters,
    **{f"activities.month_{m:02d}": _activities(None, month=m) for m in range(1, 13)},
    # 基本制度
    "systems.rating_evaluated_total": _ratings(None, rate=False),
    **{f"systems.rating_{r}": _ratings(r, rate=False) for r in RATINGS},
    **{f"systems.rating_{r}_rate": _ratings(r, rate=True) for r in RATINGS},
    "systems.record_books_and_boards": record_books_and_boards,
    "systems.nine_ones_activities": _meetings("is_nine_ones"),
    "systems.three_meetings_one_lecture": _meetings("is_three_meetings_one_lecture"),
    "systems.heart_to_heart_talks": heart_to_heart_talks,
    "systems.appraisals_total": _appraisals(None, rate=False),
    **{f"systems.appraisal_{g}": _appraisals(g, rate=False) for g in APPRAISAL_GRADES},
    **{f"systems.appraisal_{g}_rate": _appraisals(g, rate=True) for g in APPRAISAL_GRADES},
    "systems.appraisal_follow_ups_overdue": appraisal_follow_ups_overdue,
    # 基本能力
    "capacity.co_building_pairings": _periods("capacity.CoBuildingPairing", "village_id"),
    **{code: _activities(kinds, pairing_only=True) for code, kinds in PAIRING_ACTIVITY_CODES.items()},
    "capacity.dispute_screenings": dispute_screenings,
    "capacity.disputes_found": _disputes("1 = 1", "1 = 0"),
    "capacity.disputes_mediated": _disputes("d.handled", "1 = 0"),
    "capacity.mediation_rate": _disputes("d.handled", "1 = 1"),
    "capacity.mediation_success_rate": _disputes("d.outcome = 'success'", "d.handled"),
    "capacity.collective_economy_demo_villages": collective_economy_demo_villages,
    "capacity.income_teams": _periods("capacity.IncomeTeam", "village_id"),
    "capacity.strong_weak_pairings": _periods("capacity.StrongWeakPairing", "strong_village_id"),
    "capacity.ecology_teams": _periods("capacity.EcologyTeam", "village_id"),
    "capacity.ecology_team_members": _periods("capacity.EcologyTeam", "village_id", "x.members_count"),
    # 基本保障
    "funding.venues_upgraded": _venues("1"),
    "funding.venue_investment": _venues(_money("v.total_investment"), scale=100),
    "funding.venues_below_standard": _venues("1", "AND v.total_investment < 150000"),
    "funding.central_support_funds": _projects(_money("p.central_support_funds"), scale=100),
    "funding.collective_projects": _projects("1"),
    "funding.allocations_total": allocations_total,
    "funding.expenditures_total": expenditures_total,
    "funding.utilization_rate": utilization_rate,
    "dues.collection_rate": dues_collection_rate,
    "dues.amount_collected": dues_amount_collected,
    "dues.members_in_arrears": dues_members_in_arrears,
}

# Percentage-point changes: value = this year's rate − last year's, from the UNROUNDED rates, rounded
# once (DOMAIN.md, "Rounding").
CHANGES: dict[str, str] = {"personnel.language_proficiency_change": "personnel.language_proficiency_rate"}

# How each oracle'd indicator is shown (the registry's unit, restated so that the oracle does not
# read the code under test for it): PERCENT and WAN_YUAN round, the others show the numerator.
PERCENT = {"org.terms_on_time_rate", "personnel.two_committee_party_member_rate", "personnel.language_proficiency_rate",
           *(f"systems.rating_{r}_rate" for r in RATINGS), *(f"systems.appraisal_{g}_rate" for g in APPRAISAL_GRADES),
           "capacity.mediation_rate",
           "capacity.mediation_success_rate", "funding.utilization_rate", "dues.collection_rate"}
WAN_YUAN = {"funding.venue_investment", "funding.central_support_funds", "funding.allocations_total",
            "funding.expenditures_total"}


def rate(numerator: Decimal, denominator: Decimal, rounding=ROUND_HALF_UP) -> Decimal | None:
    """numerator × 100 / denominator, rounded to two decimals (四舍五入); None without a denominator."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(CENT, rounding=rounding)


def shown_value(code: str, numerator: Decimal, denominator: Decimal, rounding=ROUND_HALF_UP) -> Decimal | None:
    if code in PERCENT:
        return rate(numerator, denominator, rounding)
    if code in WAN_YUAN:
        return (Decimal(numerator) / 10000).quantize(CENT, rounding=rounding)
    return Decimal(numerator)


# --- comparing with the stored snapshots -----------------------------------------------------------------

@dataclass(frozen=True)
class Mismatch:
    code: str
    year: int
    area_id: int
    area: str  # "name (level)"
    field: str  # numerator | denominator | value
    expected: Decimal | None
    got: Decimal | None
    # For `value`, when the stored value is explained by a known wrong rule: HALF_EVEN or ROUNDED_RATES.
    cause: str = ""

    @property
    def rounding_only(self) -> bool:
        """The parts agree and only the rounding rule differs (half to even instead of 四舍五入)."""
        return self.cause == HALF_EVEN

    def __str__(self):
        note = f" ({self.cause})" if self.cause else ""
        return (f"{self.code} {self.year} at {self.area} [area {self.area_id}]: {self.field} "
                f"expected {self.expected}, got {self.got}{note}")


HALF_EVEN = "rounding only: half to even instead of 四舍五入"
ROUNDED_RATES = "the difference of the two rounded rates instead of the unrounded difference rounded once"


def _areas() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name, level FROM {_t('branches.Area')}")  # nosec B608
        return {pk: f"{name} ({level})" for pk, name, level in cursor.fetchall()}


def _stored(year: int, codes) -> dict[tuple[str, int], tuple]:
    """{(code, area_id): (value, numerator, denominator)} of the stored snapshots."""
    codes = sorted(codes)
    if not codes:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code, area_id, value, numerator, denominator FROM {_t('indicators.IndicatorSnapshot')} "
            f"WHERE year = %s AND code IN ({', '.join(['%s'] * len(codes))})", [year, *codes])  # nosec B608
        return {(code, area_id): tuple(None if v is None else Decimal(str(v)) for v in rest)
                for code, area_id, *rest in cursor.fetchall()}


def _close(value) -> Decimal | None:
    # Stored decimals have two places; SQLite hands back floats.
    return None if value is None else Decimal(value).quantize(CENT)


def compare(year: int, codes=None) -> list[Mismatch]:
    """Every disagreement between the oracle and the stored snapshots for `year` (all oracle'd
    indicators, or `codes`), at every node. A node without a snapshot has zero numerator (and, for a
    rate, zero denominator and no value)."""
    codes = list(ORACLES) + list(CHANGES) if codes is None else list(codes)
    areas = _areas()
    stored = _stored(year, codes)
    out: list[Mismatch] = []

    def diff(code, area_id, field, expected, got, cause=""):
        if _close(expected) != _close(got):
            out.append(Mismatch(code, year, area_id, areas.get(area_id, "?"), field, _close(expected), _close(got),
                                cause))

    for code in codes:
        if code in CHANGES:
            _compare_change(code, year, stored, areas, diff)
            continue
        expected = ORACLES[code](year)
        is_rate = code in PERCENT
        for area_id, (numerator, denominator) in sorted(expected.items()):
            value, got_num, got_den = stored.get((code, area_id), (None if is_rate else ZERO, ZERO, None))
            diff(code, area_id, "numerator", numerator, got_num)
            if is_rate:
                diff(code, area_id, "denominator", denominator, got_den or ZERO)
            half_even = _close(shown_value(code, numerator, denominator, ROUND_HALF_EVEN))
            diff(code, area_id, "value", shown_value(code, numerator, denominator), value,
                 HALF_EVEN if half_even == _close(value) else "")
    return out


def _compare_change(code, year, stored, areas, diff):
    base = CHANGES[code]
    now, before = ORACLES[base](year), ORACLES[base](year - 1)
    for area_id in sorted(now):
        (n1, d1), (n0, d0) = now[area_id], before.get(area_id, (ZERO, ZERO))
        got = stored.get((code, area_id), (None,))[0]
        if not d1 or not d0:
            diff(code, area_id, "value", None, got)
            continue
        unrounded = n1 * 100 / d1 - n0 * 100 / d0
        cause = ""
        if any(rate(n1, d1, r) - rate(n0, d0, r) == _close(got) for r in (ROUND_HALF_UP, ROUND_HALF_EVEN)):
            cause = ROUNDED_RATES
        elif unrounded.quantize(CENT, rounding=ROUND_HALF_EVEN) == _close(got):
            cause = HALF_EVEN
        diff(code, area_id, "value", unrounded.quantize(CENT, rounding=ROUND_HALF_UP), got, cause)


# --- 流动党员、失联党员 (mobility) ---------------------------------------------------------------------
# Written from the definitions: a floating member is a party member on 31 December with a period that
# left by then and had not returned before it (a return on the day is its last day, the stock rule);
# a lost-contact member one with a case whose contact was lost more than six months before 31
# December — on or before 30 June — and not restored before it.

def _mobility(exists_sql: str, exists_params, *, rate: bool):
    def oracle(year):
        end = _end(year)
        value = f"CASE WHEN EXISTS ({exists_sql}) THEN 1 ELSE 0 END"
        return _rolled_up(f"""
            SELECT o.area_id, {value}, {1 if rate else 0}
            FROM {_t("cadres.PartyMember")} m
            JOIN {_t("branches.PartyOrganization")} o ON o.id = {_organization_on()}
            WHERE {_party_member_on("m")}
        """, [*exists_params(year), end, end, end])
    return oracle


FLOATING_SQL = (f"SELECT 1 FROM {_t('mobility.FloatingPeriod')} f WHERE f.member_id = m.id AND f.left_on <= %s "
                "AND (f.returned_on IS NULL OR f.returned_on >= %s)")
LOST_SQL = (f"SELECT 1 FROM {_t('mobility.LostContact')} x WHERE x.member_id = m.id AND x.lost_since <= %s "
            "AND (x.found_on IS NULL OR x.found_on >= %s)")


def _floating_params(year):
    return [_end(year), _end(year)]


def _lost_params(year):
    return [date(year, 6, 30), _end(year)]


ORACLES.update({
    "personnel.floating_members": _mobility(FLOATING_SQL, _floating_params, rate=False),
    "personnel.floating_member_rate": _mobility(FLOATING_SQL, _floating_params, rate=True),
    "personnel.lost_contact_members": _mobility(LOST_SQL, _lost_params, rate=False),
    "personnel.lost_contact_member_rate": _mobility(LOST_SQL, _lost_params, rate=True),
})
PERCENT |= {"personnel.floating_member_rate", "personnel.lost_contact_member_rate"}
