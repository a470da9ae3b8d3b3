"""Every write of the personnel pillar. Each service checks the actor's scope and role
(`require_editable`), validates with full_clean(), then saves, in one transaction."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from accounts import audit
from ali_party.scoping import require_editable, scope_path
from ali_party.signals import bulk_saved

from .models import (
    DUPLICATE_ID_MESSAGE,
    CadreWorkLog,
    LanguageAssessment,
    LanguageTrainingSession,
    OrganizationTransfer,
    PartyMember,
    SentCadre,
    TwoCommitteeMember,
    id_number_lookup_hash,
)
from .validators import normalize_id_number

Stage = PartyMember.Stage


def _set(obj, fields: dict) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


# Models whose clean() checks every CheckConstraint of theirs in Python, with the message on the
# field: full_clean() need not check them again with validate_constraints() (a SELECT and a
# savepoint per constraint); the database still enforces them on save.
CLEAN_COVERS_CONSTRAINTS = (PartyMember,)


def _check_and_save(obj) -> None:
    """full_clean() then save(); a refused change is undone in memory too, so the caller's object
    still matches the database."""
    try:
        obj.full_clean(validate_constraints=not isinstance(obj, CLEAN_COVERS_CONSTRAINTS))
    except ValidationError:
        if obj.pk:
            obj.refresh_from_db()
        raise
    obj.save()


def _delete(obj, message: str) -> None:
    try:
        obj.delete()
    except ProtectedError as error:
        raise ValidationError(message) from error


# ---------------------------------------------------------------- party members

def _clean_member_fields(fields: dict) -> dict:
    if "id_number" in fields:
        fields["id_number"] = normalize_id_number(fields["id_number"])
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
    return fields


def _new_member(*, actor, fields: dict) -> PartyMember:
    member = PartyMember(**_clean_member_fields(fields))
    require_editable(actor=actor, area=member.organization.area)
    return member


@transaction.atomic
def member_create(*, actor, **fields) -> PartyMember:
    """Register a person at any stage (an existing member is entered with all their stage dates)."""
    member = _new_member(actor=actor, fields=fields)
    _check_and_save(member)
    return member


# ---------------------------------------------------------------- many new members at once (import)
#
# member_create for a batch, split in two so that nothing is queried or written per member:
#   member_check_new   — every check member_create makes, in Python, and no write;
#   members_bulk_create — the INSERTs, 1,000 members per statement, with what a save brings along
#                         (each member's audit-log entry, one indicator recompute for the batch).

BULK_BATCH_SIZE = 1000


def stored_id_hashes(id_numbers) -> set[str]:
    """The lookup hashes of those of `id_numbers` already registered (in any county): one query per
    1,000 numbers, where member_create asks once per member (PartyMember.validate_unique)."""
    hashes = sorted({id_number_lookup_hash(n) for n in id_numbers if n})
    found = set()
    for start in range(0, len(hashes), BULK_BATCH_SIZE):
        found.update(PartyMember.objects.filter(id_number_hash__in=hashes[start:start + BULK_BATCH_SIZE])
                     .values_list("id_number_hash", flat=True))
    return found


def member_check_new(*, actor, stored_hashes: set[str], **fields) -> PartyMember:
    """The new member member_create would save, checked as member_create checks it — scope and role
    (require_editable), full_clean() with the same errors in the same order — but not saved: save
    it with members_bulk_create in the same transaction.

    Two of full_clean()'s queries are answered without a query: the ID number's uniqueness from
    `stored_hashes` (stored_id_hashes of the whole batch; a number twice in the batch is the
    caller's to refuse), and the organization's existence, which is not asked again — it must come
    from a scoped queryset read in this transaction (the foreign key still holds on INSERT).
    """
    member = _new_member(actor=actor, fields=fields)
    errors = {}
    try:
        member.full_clean(exclude=["organization"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    # PartyMember.validate_unique's rule, checked last as full_clean() does, and only when the ID
    # number itself is valid.
    if "id_number" not in errors and member.id_number and id_number_lookup_hash(member.id_number) in stored_hashes:
        errors.setdefault("id_number", []).append(ValidationError(DUPLICATE_ID_MESSAGE, code="unique"))
    if errors:
        raise ValidationError(errors)
    return member


@transaction.atomic
def members_bulk_create(*, members: list[PartyMember]) -> list[int]:
    """Insert members checked by member_check_new, as member_create's save() would, and return the
    positions (in `members`) of those the database refused.

    bulk_create sends no signals, so what they do on a save is asked for the batch: each member's
    audit-log entry (accounts.audit) and one indicator recompute request (indicators.receivers).
    When the database refuses the batch (a member registered meanwhile by someone else), the batch
    is saved member by member instead, each by save() in its own savepoint like member_create, to
    tell which member it was.
    """
    if not members:
        return []
    try:
        with transaction.atomic():
            PartyMember.objects.bulk_create(members, batch_size=BULK_BATCH_SIZE)
    except IntegrityError:
        refused = []
        for position, member in enumerate(members):
            member.pk, member._state.adding = None, True  # undo what a rolled-back INSERT set
            try:
                with transaction.atomic():
                    member.save()
            except IntegrityError:
                refused.append(position)
        return refused
    audit.log_bulk_created(members)
    bulk_saved.send(sender=PartyMember, objs=members)
    return []


@transaction.atomic
def member_update(*, actor, member: PartyMember, **fields) -> PartyMember:
    """Correct a member's record. The stage only moves forward.

    The organization is changed by `member_transfer`, which keeps the history.
    """
    require_editable(actor=actor, area=member.organization.area)
    fields.pop("organization", None)
    old_stage = PartyMember.objects.filter(pk=member.pk).values_list("stage", flat=True).get()
    fields = _clean_member_fields(fields)
    if fields.get("stage", old_stage) < old_stage:
        raise ValidationError({"stage": _("发展阶段只能按程序向前推进，不能回退。")})
    _set(member, fields)
    _check_and_save(member)
    return member


@transaction.atomic
def member_delete(*, actor, member: PartyMember) -> None:
    require_editable(actor=actor, area=member.organization.area)
    _delete(member, _("该人员担任或曾任村“两委”成员，不能删除。"))


@transaction.atomic
def member_advance(*, actor, member: PartyMember, on: datetime.date) -> PartyMember:
    """Move a person to the next stage of the procedure on `on` (the waits are checked by clean())."""
    require_editable(actor=actor, area=member.organization.area)
    if member.status != PartyMember.Status.NORMAL:
        raise ValidationError({"stage": _("党籍状态不正常的人员不能推进发展阶段。")})
    if member.stage >= Stage.FULL:
        raise ValidationError({"stage": _("已是正式党员，没有下一个发展阶段。")})
    next_stage = member.stage + 1
    field = dict(PartyMember.STAGE_DATE_FIELDS)[next_stage]
    member.stage = next_stage
    setattr(member, field, on)
    try:
        _check_and_save(member)
    except ValidationError as error:
        # The new stage's date is what the user typed: show its problems on the "on" field.
        if field in error.error_dict:
            error.error_dict["on"] = error.error_dict.pop(field)
        raise
    return member


@transaction.atomic
def member_extend_probation(*, actor, member: PartyMember, months: int) -> PartyMember:
    """延长预备期: once only, 6 to 12 months, while still a probationary member."""
    require_editable(actor=actor, area=member.organization.area)
    if not member.in_probation:
        raise ValidationError({"months": _("只有预备党员才能延长预备期。")})
    if member.probation_extension_months:
        raise ValidationError({"months": _("预备期只能延长一次，该党员的预备期已经延长过。")})
    if not 6 <= months <= 12:
        raise ValidationError({"months": _("延长预备期须为6至12个月。")})
    member.probation_extension_months = months
    _check_and_save(member)
    return member


@transaction.atomic
def member_cancel_probation(*, actor, member: PartyMember, on: datetime.date) -> PartyMember:
    """取消预备党员资格."""
    require_editable(actor=actor, area=member.organization.area)
    if not member.in_probation:
        raise ValidationError({"on": _("只有预备党员才能被取消预备党员资格。")})
    if on < member.admitted_on:
        raise ValidationError({"on": _("取消资格日期不能早于接收为预备党员日期。")})
    member.status = PartyMember.Status.PROBATION_CANCELLED
    member.status_changed_on = on
    _check_and_save(member)
    return member


@transaction.atomic
def member_transfer(*, actor, member: PartyMember, to_organization, transferred_on: datetime.date,
                    note: str = "") -> OrganizationTransfer:
    """组织关系转接: record the move and change the member's current organization, together.

    The actor must be able to write on both sides (a cross-county move is done by prefecture staff).
    """
    require_editable(actor=actor, area=member.organization.area)
    require_editable(actor=actor, area=to_organization.area)
    transfer = OrganizationTransfer(member=member, from_organization=member.organization,
                                    to_organization=to_organization, transferred_on=transferred_on, note=note)
    _check_and_save(transfer)
    member.organization = to_organization
    _check_and_save(member)
    return transfer


# ---------------------------------------------------------------- village two-committee members

def _prepare_committee_member(person: TwoCommitteeMember, actor) -> None:
    person.viewer_scope = scope_path(actor)  # what clean() may name of the member's other seats
    if person.member_id:  # the member record is the one source of the name
        person.name, person.gender = person.member.name, person.member.gender
    person.name = (person.name or "").strip()


@transaction.atomic
def committee_member_create(*, actor, **fields) -> TwoCommitteeMember:
    person = TwoCommitteeMember(**fields)
    require_editable(actor=actor, area=person.village)
    if person.member_id:
        require_editable(actor=actor, area=person.member.organization.area)
    _prepare_committee_member(person, actor)
    _check_and_save(person)
    return person


@transaction.atomic
def committee_member_update(*, actor, person: TwoCommitteeMember, **fields) -> TwoCommitteeMember:
    require_editable(actor=actor, area=person.village)
    _set(person, fields)
    require_editable(actor=actor, area=person.village)
    if person.member_id:
        require_editable(actor=actor, area=person.member.organization.area)
    _prepare_committee_member(person, actor)
    if person.term_start:
        # A shorter term may not leave the language assessments already recorded outside it.
        outside = [a for a in person.assessments.order_by("year")
                   if not person.term_covers(year=a.year, day=a.assessed_on)]
        if outside:
            first = outside[0]
            before = first.assessed_on < person.term_start if first.assessed_on else first.year < person.term_start.year
            field = "term_start" if before else "term_end"
            years = "、".join(str(a.year) for a in outside)
            person.refresh_from_db()
            raise ValidationError({field: _("已登记的%(years)s年度国家通用语言评估将落在新的任期之外，请先核对或删除这些评估记录。")
                                   % {"years": years}})
    _check_and_save(person)
    return person


@transaction.atomic
def committee_member_delete(*, actor, person: TwoCommitteeMember) -> None:
    require_editable(actor=actor, area=person.village)
    person.delete()


@transaction.atomic
def language_assessment_create(*, actor, person: TwoCommitteeMember, year: int, level: int,
                               assessed_on: datetime.date | None = None) -> LanguageAssessment:
    require_editable(actor=actor, area=person.village)
    assessment = LanguageAssessment(person=person, year=year, level=level, assessed_on=assessed_on)
    _check_and_save(assessment)
    return assessment


@transaction.atomic
def language_assessment_delete(*, actor, assessment: LanguageAssessment) -> None:
    require_editable(actor=actor, area=assessment.person.village)
    assessment.delete()


# ---------------------------------------------------------------- national-language training

@transaction.atomic
def training_create(*, actor, **fields) -> LanguageTrainingSession:
    session = LanguageTrainingSession(**fields)
    require_editable(actor=actor, area=session.area)
    _check_and_save(session)
    return session


@transaction.atomic
def training_update(*, actor, session: LanguageTrainingSession, **fields) -> LanguageTrainingSession:
    require_editable(actor=actor, area=session.area)
    _set(session, fields)
    require_editable(actor=actor, area=session.area)
    _check_and_save(session)
    return session


@transaction.atomic
def training_delete(*, actor, session: LanguageTrainingSession) -> None:
    require_editable(actor=actor, area=session.area)
    session.delete()


# ---------------------------------------------------------------- cadres sent to villages

@transaction.atomic
def cadre_create(*, actor, **fields) -> SentCadre:
    cadre = SentCadre(**fields)
    require_editable(actor=actor, area=cadre.village)
    _check_and_save(cadre)
    return cadre


@transaction.atomic
def cadre_update(*, actor, cadre: SentCadre, **fields) -> SentCadre:
    require_editable(actor=actor, area=cadre.village)
    _set(cadre, fields)
    require_editable(actor=actor, area=cadre.village)
    outside = cadre.logs.exclude(logged_on__gte=cadre.started_on)
    if cadre.ended_on:
        outside = cadre.logs.exclude(logged_on__gte=cadre.started_on, logged_on__lte=cadre.ended_on)
    if outside.exists():
        cadre.refresh_from_db()
        raise ValidationError({"started_on": _("已有工作记录的日期落在新的驻村期间之外，请先核对工作记录。")})
    _check_and_save(cadre)
    return cadre


@transaction.atomic
def cadre_delete(*, actor, cadre: SentCadre) -> None:
    require_editable(actor=actor, area=cadre.village)
    cadre.delete()


@transaction.atomic
def cadre_log_create(*, actor, cadre: SentCadre, kind: str, logged_on: datetime.date, count: int = 1,
                     description: str = "") -> CadreWorkLog:
    require_editable(actor=actor, area=cadre.village)
    log = CadreWorkLog(cadre=cadre, kind=kind, logged_on=logged_on, count=count, description=description)
    _check_and_save(log)
    return log


@transaction.atomic
def cadre_log_delete(*, actor, log: CadreWorkLog) -> None:
    require_editable(actor=actor, area=log.cadre.village)
    log.delete()
