"""The change log (django-auditlog): what it records (`tidy_registry`, `log_change`, and
`log_bulk_created` for rows inserted by bulk_create, which sends no signals: the same entries its
post_save receiver would write, built in memory and inserted 1,000 per statement), and how the
auditor reads it (`change_lines`)."""
from __future__ import annotations

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _lazy


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


# --- what django-auditlog records ----------------------------------------------------------------

# Models of other packages whose names are English: the change log's own Chinese names.
FIELD_LABELS = {
    "otp_totp.totpdevice": {
        "user": _lazy("用户"), "name": _lazy("名称"), "confirmed": _lazy("已确认"),
        "throttling_failure_timestamp": _lazy("最近一次验证失败时间"),
        "throttling_failure_count": _lazy("连续验证失败次数"), "created_at": _lazy("创建时间"),
        "last_used_at": _lazy("最近使用时间"),
    },
    "branches.area": {"path": _lazy("在区域树中的位置（路径）")},
}
MODEL_NAMES = {"otp_totp.totpdevice": _lazy("动态口令设备")}
# Internal fields left out of the log: the device's time-step bookkeeping (changes at every
# login) and parameters, treebeard's derived counters (numchild changes with every child added).
EXCLUDED_FIELDS = {
    "otp_totp.totpdevice": ["last_t", "drift", "t0", "step", "digits", "tolerance"],
    "branches.area": ["depth", "numchild"],
}


def model_name(model) -> str:
    """A recorded model's name for the auditor (Chinese)."""
    label = model._meta.label_lower
    return str(MODEL_NAMES.get(label, model._meta.verbose_name))


def entry_model_name(entry) -> str:
    model = entry.content_type.model_class()
    return model_name(model) if model is not None else entry.content_type.name


def tidy_registry() -> None:
    """Run from AccountsConfig.ready, after auditlog's own ready has registered every model
    (AUDITLOG_INCLUDE_ALL_MODELS):
    - the many-to-many tables Django makes itself (Activity_attendees, …) are not recorded: the
      change is recorded on the model that owns the field (auditlog's m2m_fields), one entry per
      add or remove, not one row per person with the table's internal ids;
    - reverse relations are left out: auditlog's diff of a created or deleted row walks them too,
      and writes the related manager's text ("transfers: None → cadres.OrganizationTransfer.None");
    - EXCLUDED_FIELDS left out, FIELD_LABELS given as auditlog's mapping_fields."""
    from auditlog.registry import auditlog
    from django.db.models import ManyToManyField

    for model in auditlog.get_models():
        if model._meta.auto_created:
            auditlog.unregister(model)
            continue
        rules = auditlog.get_model_fields(model)
        options = auditlog.get_serialize_options(model)
        reverse = [f.name for f in model._meta.get_fields(include_hidden=True) if f.is_relation and not f.concrete]
        global_excluded = set(settings.AUDITLOG_EXCLUDE_TRACKING_FIELDS)
        global_masked = set(settings.AUDITLOG_MASK_TRACKING_FIELDS)
        auditlog.unregister(model)
        auditlog.register(
            model,
            include_fields=rules["include_fields"],
            exclude_fields=[n for n in rules["exclude_fields"] if n not in global_excluded] + reverse
            + EXCLUDED_FIELDS.get(model._meta.label_lower, []),
            mapping_fields={**rules["mapping_fields"], **FIELD_LABELS.get(model._meta.label_lower, {})},
            mask_fields=[n for n in rules["mask_fields"] if n not in global_masked],
            mask_callable=rules["mask_callable"],
            m2m_fields=[f.name for f in model._meta.get_fields() if isinstance(f, ManyToManyField)],
            **options,
        )


def log_change(instance, *, action: int, changes: dict, object_pk=None):
    """One change-log entry written by a service that records a change as one entry rather than
    row by row (a meeting's attendance roll). Actor and address come from auditlog's context, as
    for the entries its receivers write; `changes` is {field name: [before, after]} as text, a
    reverse relation's name allowed for a summary of the related rows."""
    from auditlog.models import LogEntry

    kwargs = {}
    if object_pk is not None:  # a deleted instance has lost its pk
        kwargs = {"object_pk": str(object_pk), "object_id": object_pk}
    return LogEntry.objects.log_create(instance, action=action, changes=changes, **kwargs)


def deleted_row_changes(instance) -> dict:
    """What auditlog's receiver records for a deleted row (field: [value, None]), by this
    project's rules (exclusions, masks); for a service that writes the delete's entry itself."""
    from auditlog.diff import model_instance_diff

    return model_instance_diff(instance, None, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES) or {}


# --- how the auditor reads it --------------------------------------------------------------------

DISPLAY_MAX_CHARS = 200


def audited_content_types():
    """The content types of the models recorded now: rows of tables no longer recorded (one-time
    code hashes, old password hashes, Django's many-to-many tables) are internal, not shown."""
    from auditlog.registry import auditlog
    from django.contrib.contenttypes.models import ContentType

    return list(ContentType.objects.get_for_models(*auditlog.get_models()).values())


def change_lines(entries) -> dict[int, list[tuple[str, str]]]:
    """{entry pk: [(label, text), …]} for the change-log page — the text "before → after" for a
    change, the value alone for a created or deleted record: every field by its verbose
    name, choices by their label, yes/no, times in local time, a foreign key as the related
    record's text (looked up once per related model for the whole page), a many-to-many change as
    the records added or removed. Never shown: the primary key, a field excluded from the log
    (secrets, also in rows written before they were excluded), a field the model no longer has,
    and auditlog's text for a reverse relation. Values go through the personal-data mask."""
    from auditlog.registry import auditlog
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.translation import gettext as _

    from ali_party.logging import mask_personal_data

    pending = []  # (entry pk, index in its lines, side, related model, pk text)
    lines: dict[int, list[list[str]]] = {}
    wanted: dict = {}
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        rows = lines.setdefault(entry.pk, [])
        if model is None or not auditlog.contains(model):
            continue
        rules = auditlog.get_model_fields(model)
        excluded, labels = set(rules["exclude_fields"]), rules["mapping_fields"]
        for name, values in (entry.changes_dict or {}).items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if getattr(field, "primary_key", False):
                continue
            if isinstance(values, dict):  # a many-to-many change
                if values.get("type") != "m2m" or not field.many_to_many:
                    continue
                names = "、".join(str(o) for o in values.get("objects", []))
                text = (_("增加：%(names)s") if values.get("operation") == "add" else _("移除：%(names)s")) \
                    % {"names": names}
                rows.append([str(labels.get(name, field.verbose_name)), None, text])
                continue
            before, after = (list(values) + [None, None])[:2]
            if not field.concrete:  # a reverse relation: only a service's summary is shown
                manager_text = f"{field.related_model._meta.label}.None"
                if {str(before), str(after)} <= {"None", manager_text}:
                    continue
                rows.append([str(field.related_model._meta.verbose_name), _text(before), _text(after)])
                continue
            if name in excluded:
                continue
            row = [str(labels.get(name, field.verbose_name)), *(_value_text(field, v) for v in (before, after))]
            if field.is_relation and (field.many_to_one or field.one_to_one):
                for side, value in ((1, before), (2, after)):
                    if value not in (None, "None", ""):
                        pending.append((entry.pk, len(rows), side, field.related_model, str(value)))
                        wanted.setdefault(field.related_model, set()).add(str(value))
            rows.append(row)
    found = {}
    for related, pks in wanted.items():
        valid = []
        for pk in pks:
            try:
                valid.append(related._meta.pk.to_python(pk))
            except Exception:  # a text stored by an older setting: shown as stored
                continue
        objects = related._base_manager.select_related().in_bulk(valid) if valid else {}
        found[related] = {str(pk): str(obj) for pk, obj in objects.items()}
    for entry_pk, index, side, related, pk in pending:
        text = found.get(related, {}).get(pk)
        lines[entry_pk][index][side] = text if text is not None else \
            _("已删除的%(model)s（编号 %(pk)s）") % {"model": related._meta.verbose_name, "pk": pk}
    actions = {entry.pk: entry.action for entry in entries}
    return {pk: [(label, mask_personal_data(_clip(_change_text(actions[pk], before, after))))
                 for label, before, after in rows]
            for pk, rows in lines.items()}


def _change_text(action: int, before: str | None, after: str) -> str:
    from auditlog.models import LogEntry
    from django.utils.translation import gettext as _

    empty = _("（空）")
    if before is None:  # a many-to-many change: the text says it all
        return after
    if action == LogEntry.Action.CREATE:
        return after or empty
    if action == LogEntry.Action.DELETE:
        return before or empty
    return f"{before or empty} → {after or empty}"


def _text(value) -> str:
    return "" if value is None or str(value) == "None" else str(value)


def _clip(text: str) -> str:
    return text if len(text) <= DISPLAY_MAX_CHARS else text[:DISPLAY_MAX_CHARS] + "…"


def _value_text(field, value) -> str:
    from django.utils import formats, timezone
    from django.utils.dateparse import parse_datetime
    from django.utils.translation import gettext as _

    text = _text(value)
    if text == "":
        return ""
    choices = {str(key): label for key, label in field.flatchoices} if getattr(field, "choices", None) else None
    if choices:
        return str(choices.get(text, text))
    internal = field.get_internal_type()
    if internal in ("BooleanField", "NullBooleanField"):
        return {"True": _("是"), "False": _("否")}.get(text, text)
    if internal == "DateTimeField":
        moment = parse_datetime(text)
        if moment is not None:
            if timezone.is_naive(moment):  # auditlog stores UTC without the zone
                moment = moment.replace(tzinfo=datetime.timezone.utc)
            return formats.date_format(timezone.localtime(moment), "Y-m-d H:i:s")
    return text
