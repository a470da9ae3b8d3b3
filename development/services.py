"""Writes of 发展党员纪实: one transaction each, the member's scope checked (`require_editable` on the
member's organization's area), the row's own rules (`full_clean()`), then the rules between the
member's rows (the order of the steps, the contacts a step needs), so a refused write leaves nothing."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ali_party.files import check_upload
from ali_party.scoping import require_editable
from cadres.models import PartyMember

from . import steps as catalogue
from .models import DevelopmentContact, DevelopmentStep, ProbationReport, StepAttachment

STEP_FIELDS = ("done_on", "handled_by", "training_days", "training_hours", "note")


def _require(actor, member: PartyMember) -> None:
    require_editable(actor=actor, area=member.organization.area)


def _check_step(row: DevelopmentStep) -> None:
    row.full_clean(validate_unique=False)
    recorded = dict(DevelopmentStep.objects.filter(member=row.member).exclude(step=row.step)
                    .values_list("step", "done_on"))
    errors = row.sequence_errors(recorded) or row.contact_errors(list(row.member.development_contacts.all()))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def step_record(*, actor, member: PartyMember, step: int, **fields) -> DevelopmentStep:
    """Record step `step` of `member` (or correct it, when it is recorded already)."""
    _require(actor, member)
    row = DevelopmentStep.objects.select_for_update().filter(member=member, step=step).first() \
        or DevelopmentStep(member=member, step=step)
    for name in STEP_FIELDS:
        if name in fields:
            setattr(row, name, fields[name])
    row.member = member
    _check_step(row)
    row.save()
    return row


@transaction.atomic
def step_update(*, actor, step_row: DevelopmentStep, member: PartyMember | None = None, step: int | None = None,
                **fields) -> DevelopmentStep:
    """Change a recorded step (the import's update): its member and number name the row and stay
    (`member` and `step` are taken and ignored: a step moves only by deleting and recording it again)."""
    _require(actor, step_row.member)
    for name in STEP_FIELDS:
        if name in fields:
            setattr(step_row, name, fields[name])
    _check_step(step_row)
    step_row.save()
    return step_row


@transaction.atomic
def step_delete(*, actor, step_row: DevelopmentStep) -> None:
    """Remove a step recorded by mistake: only the member's last recorded step (the later ones would
    lose the step they follow), with its files."""
    _require(actor, step_row.member)
    if DevelopmentStep.objects.filter(member=step_row.member, step__gt=step_row.step).exists():
        raise ValidationError(_("只能删除最后登记的步骤；请先删除其后的步骤。"))
    files = [a.file for a in step_row.attachments.all()]
    step_row.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


@transaction.atomic
def contact_add(*, actor, member: PartyMember, role: str, contact: PartyMember, from_on) -> DevelopmentContact:
    """Name a 培养联系人 (at most 2) or an 入党介绍人 (2) of `member`."""
    _require(actor, member)
    row = DevelopmentContact(member=member, role=role, contact=contact, from_on=from_on)
    row.full_clean()
    limit = catalogue.CONTACTS_MAX if role == DevelopmentContact.Role.CONTACT else catalogue.SPONSORS_COUNT
    if DevelopmentContact.objects.filter(member=member, role=role).count() >= limit:
        raise ValidationError({"contact": _("%(role)s最多%(limit)s名，已登记%(limit)s名。") % {
            "role": row.get_role_display(), "limit": limit}})
    row.save()
    return row


@transaction.atomic
def contact_delete(*, actor, contact: DevelopmentContact) -> None:
    """Remove a contact; not one the recorded step 5 or 9 relies on."""
    _require(actor, contact.member)
    step = catalogue.CONTACTS if contact.role == DevelopmentContact.Role.CONTACT else catalogue.SPONSORS
    recorded = DevelopmentStep.objects.filter(member=contact.member, step=step).first()
    if recorded is not None:
        remaining = [c for c in contact.member.development_contacts.all() if c.pk != contact.pk]
        if recorded.contact_errors(remaining):
            raise ValidationError(_("第%(number)s步已登记，删除后人数将不符合要求；请先登记替换的人选。") % {"number": step})
    contact.delete()


@transaction.atomic
def report_record(*, actor, member: PartyMember, quarter, submitted_on, note: str = "") -> ProbationReport:
    _require(actor, member)
    row = ProbationReport(member=member, quarter=quarter, submitted_on=submitted_on, note=note)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def report_delete(*, actor, report: ProbationReport) -> None:
    _require(actor, report.member)
    report.delete()


@transaction.atomic
def attachment_add(*, actor, step_row: DevelopmentStep, upload) -> StepAttachment:
    """Store a file of a step, checked by content against the policy "development_attachment"."""
    _require(actor, step_row.member)
    checked = check_upload(upload, "development_attachment", field="file")
    attachment = StepAttachment(step=step_row, original_name=checked.name, content_type=checked.kind.content_type,
                                size=checked.size)
    attachment.file.save(checked.file.name, checked.file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: StepAttachment) -> None:
    _require(actor, attachment.step.member)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
