"""Writes of the 基本活动 pillar. Each service is one transaction: check the actor's scope
(`require_editable`), `full_clean()`, save, then the related rows (attendees, attachments) — so a
refused write leaves nothing behind."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ali_party.files import CheckedUpload, check_upload
from ali_party.scoping import require_editable
from ali_party.services import scoped_create, scoped_update

from . import kinds
from .models import (
    Activity, ActivityAttachment, ActivityKind, ContactCardIssue, ProxyMatter, ServiceHall,
    ServiceHallDuty, same_county,
)

ACTIVITY_FIELDS = ("kind", "held_on", "organization", "village", "participants", "person_times",
                   "problems_solved", "note", "pairing")


def ensure_kind_catalogue() -> dict[str, ActivityKind]:
    """The starting catalogue (normally seeded by a migration), by code."""
    out = {}
    for code, name, pillar, order, description in kinds.CATALOGUE:
        out[code], _created = ActivityKind.objects.get_or_create(
            code=code, defaults={"name": name, "pillar": pillar, "order": order, "description": description})
    return out


def _check_attendees(activity: Activity, attendees: Sequence) -> None:
    errors = []
    county_area = activity.organization.area
    for member in attendees:
        if not same_county(member.organization.area, county_area):
            errors.append(_("党员“%(name)s”不属于组织单位所在的县，不能登记为本次活动的参加人员。") % {"name": member.name})
    if not errors and len(attendees) > activity.participants:
        errors.append(_("登记的参加党员（%(registered)s人）多于参加人数（%(participants)s人）。") % {
            "registered": len(attendees), "participants": activity.participants})
    if errors:
        raise ValidationError({"attendees": errors})


def _checked_uploads(photos: Iterable, sign_in_sheets: Iterable) -> list[tuple[str, CheckedUpload]]:
    """Check every upload before anything is written, so a bad file stores no file at all."""
    checked, errors = [], {}
    for field, kind, policy, uploads in (
            ("photos", ActivityAttachment.Kind.PHOTO, "activity_photo", photos),
            ("sign_in_sheets", ActivityAttachment.Kind.SIGN_IN, "activity_sign_in", sign_in_sheets)):
        for upload in uploads or ():
            try:
                checked.append((kind, check_upload(upload, policy)))
            except ValidationError as error:
                errors.setdefault(field, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def _save_attachments(activity: Activity, checked: list[tuple[str, CheckedUpload]]) -> None:
    for kind, upload in checked:
        attachment = ActivityAttachment(activity=activity, kind=kind, original_name=upload.name,
                                        content_type=upload.kind.content_type, size=upload.size)
        attachment.file.save(upload.file.name, upload.file, save=False)
        attachment.save()


@transaction.atomic
def activity_create(*, actor, attendees: Sequence = (), photos: Iterable = (), sign_in_sheets: Iterable = (),
                    **fields) -> Activity:
    activity = Activity(**{k: v for k, v in fields.items() if k in ACTIVITY_FIELDS})
    require_editable(actor=actor, area=activity.village)
    require_editable(actor=actor, area=activity.organization.area)
    activity.full_clean()
    attendees = list(attendees or ())
    _check_attendees(activity, attendees)
    checked = _checked_uploads(photos, sign_in_sheets)
    activity.save()
    activity.attendees.set(attendees)
    _save_attachments(activity, checked)
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, attendees: Sequence | None = None, photos: Iterable = (),
                    sign_in_sheets: Iterable = (), **fields) -> Activity:
    """Change an activity; new photos / sign-in sheets are added to the existing ones."""
    require_editable(actor=actor, area=activity.village)
    for name, value in fields.items():
        if name in ACTIVITY_FIELDS:
            setattr(activity, name, value)
    require_editable(actor=actor, area=activity.village)
    require_editable(actor=actor, area=activity.organization.area)
    activity.full_clean()
    attendees = list(activity.attendees.all()) if attendees is None else list(attendees)
    _check_attendees(activity, attendees)
    checked = _checked_uploads(photos, sign_in_sheets)
    activity.save()
    activity.attendees.set(attendees)
    _save_attachments(activity, checked)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    require_editable(actor=actor, area=activity.village)
    files = [a.file for a in activity.attachments.all()]
    activity.delete()
    # Remove stored files only once the rows are really gone.
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


@transaction.atomic
def attachment_delete(*, actor, attachment: ActivityAttachment) -> None:
    require_editable(actor=actor, area=attachment.activity.village)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def service_hall_create(*, actor, **fields) -> ServiceHall:
    return scoped_create(ServiceHall, actor=actor, **fields)


@transaction.atomic
def service_hall_update(*, actor, hall: ServiceHall, **fields) -> ServiceHall:
    return scoped_update(hall, actor=actor, **fields)


@transaction.atomic
def service_hall_duty_add(*, actor, hall: ServiceHall, **fields) -> ServiceHallDuty:
    return scoped_create(ServiceHallDuty, actor=actor, hall=hall, **fields)


@transaction.atomic
def service_hall_duty_delete(*, actor, duty: ServiceHallDuty) -> None:
    require_editable(actor=actor, area=duty.hall.village)
    duty.delete()


@transaction.atomic
def contact_card_issue_create(*, actor, **fields) -> ContactCardIssue:
    return scoped_create(ContactCardIssue, actor=actor, **fields)


@transaction.atomic
def contact_card_issue_update(*, actor, issue: ContactCardIssue, **fields) -> ContactCardIssue:
    return scoped_update(issue, actor=actor, **fields)


@transaction.atomic
def proxy_matter_create(*, actor, **fields) -> ProxyMatter:
    return scoped_create(ProxyMatter, actor=actor, **fields)


@transaction.atomic
def proxy_matter_update(*, actor, matter: ProxyMatter, **fields) -> ProxyMatter:
    return scoped_update(matter, actor=actor, **fields)
