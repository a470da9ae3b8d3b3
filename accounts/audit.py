"""django-auditlog for rows inserted by bulk_create (which sends no signals): the same entries
its post_save receiver would write, built in memory and inserted 1,000 per statement."""
from __future__ import annotations

from django.conf import settings


def log_bulk_created(objs: list) -> None:
    """The audit-log entries django-auditlog's post_save receiver (auditlog.receivers.log_create →
    LogEntry.objects.log_create) writes for created rows — same diff, masking, correlation id, and
    actor / remote address from auditlog's context (its pre_save receiver on LogEntry, connected by
    the middleware or set_actor) — built in memory and inserted 1,000 per statement. (auditlog's
    own pre_log / post_log signals are not sent: nothing in this project listens to them.)"""
    from auditlog.cid import get_cid
    from auditlog.context import auditlog_disabled
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from django.contrib.contenttypes.models import ContentType
    from django.db import router
    from django.db.models.signals import pre_save
    from django.utils.encoding import smart_str

    if not objs or auditlog_disabled.get() or not auditlog.contains(type(objs[0])):
        return
    content_type = ContentType.objects.get_for_model(objs[0])
    using = router.db_for_write(LogEntry)
    cid = get_cid()
    entries = []
    for obj, changes in zip(objs, creation_changes(objs)):
        if not changes:
            continue
        additional_data = getattr(obj, "get_additional_data", None)
        entry = LogEntry(content_type=content_type, object_pk=obj.pk,
                         object_id=obj.pk if isinstance(obj.pk, int) else None, object_repr=smart_str(obj),
                         serialized_data=LogEntry.objects._get_serialized_data_or_none(obj),
                         action=LogEntry.Action.CREATE, changes=changes, cid=cid,
                         additional_data=additional_data() if callable(additional_data) else None)
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None)
        entries.append(entry)
    LogEntry.objects.using(using).bulk_create(entries, batch_size=1000)


def creation_changes(objs: list) -> list[dict | None]:
    """What auditlog.diff.model_instance_diff(None, obj) gives for each of `objs` (new rows of one
    model) — the changes auditlog stores for a created row — by model_instance_diff's own steps,
    with what is the same for every new row worked out once: the fields compared, their "before"
    side (no object), and the reverse relations (a new row has no related rows yet, so their text is
    the same for all). That is most of the diff's time. (A test compares the two.)"""
    from auditlog.diff import get_field_value, get_fields_in_model, get_mask_function, is_primitive
    from auditlog.registry import auditlog
    from django.db.models import ForeignObjectRel
    from django.utils.encoding import smart_str

    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    model_fields = auditlog.get_model_fields(type(objs[0]))
    mask = get_mask_function(model_fields.get("mask_callable"))

    def side(field, value):  # one side of model_instance_diff's (old, new) pair
        if field.name in model_fields["mask_fields"]:
            return mask(smart_str(value))
        if not use_json:
            return smart_str(value)
        return value if is_primitive(value) else smart_str(value)

    fields = get_fields_in_model(objs[0])
    if model_fields["include_fields"]:
        fields = [f for f in fields if f.name in model_fields["include_fields"]]
    fields = [f for f in fields if f.name not in model_fields["exclude_fields"]]
    same, per_row = {}, []  # {name: pair} for every row; (field, before, its side) compared row by row
    for field in fields:
        old = get_field_value(None, field, use_json)
        if isinstance(field, ForeignObjectRel):
            new = get_field_value(objs[0], field, use_json)
            if old != new:
                same[field.name] = (side(field, old), side(field, new))
        else:
            per_row.append((field, old, side(field, old)))
    diffs = []
    for obj in objs:
        diff = dict(same)
        for field, old, old_side in per_row:
            new = get_field_value(obj, field, use_json)
            if old != new:
                diff[field.name] = (old_side, side(field, new))
        diffs.append(diff or None)
    return diffs


def model_label(model) -> str:
    """A recorded kind of row, named in the active language. A many-to-many table's name is made
    by Django once, when the models load (so in the default language): it is named here again."""
    from django.utils.translation import gettext

    if model._meta.auto_created:
        ends = [field.related_model._meta.verbose_name for field in model._meta.fields if field.is_relation]
        if len(ends) == 2:
            return gettext("%(from)s-%(to)s relationship") % {"from": ends[0], "to": ends[1]}
    return str(model._meta.verbose_name)
