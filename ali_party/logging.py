"""Personal data never leaves the application in logs or error reports.

- `mask_personal_data(text)`: masks every 18-character resident ID number (542523************) and
  every 11-digit mainland mobile number (139****5678) in a text.
- `PersonalDataFilter`: a logging.Filter for every handler; masks the formatted message (message
  and args), the traceback text and the stack text of each record.
- `PersonalDataExceptionReporterFilter`: DEFAULT_EXCEPTION_REPORTER_FILTER; POST/GET fields named
  id_number / phone (or …_id_number / …_phone) are replaced by stars, every other value and the
  frame variables are masked, settings holding keys are hidden.
- `PersonalDataExceptionReporter`: DEFAULT_EXCEPTION_REPORTER; masks the finished error report
  (HTML and text), which also covers the exception message and object reprs.
- `mask_personal_value(value)`: AUDITLOG_MASK_CALLABLE for django-auditlog's masked fields.

(The module is `ali_party.logging`; `import logging` below is the standard library, as imports are
absolute.)
"""
from __future__ import annotations

import logging
import re

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from ali_party.masking import mask_id_number

# An ID number: region (6, first not 0), birth date 19xx/20xx MMDD, sequence (3), check digit or X.
# Full-width digits are normalized away before they reach the database, but a log line may carry
# what a user typed: the pattern also accepts full-width digits (\d matches them).
ID_NUMBER_RE = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})([\dXx])(?![0-9A-Za-z])")
# Mainland mobile numbers: 1[3-9] and 9 more digits, optionally prefixed with +86 / 86.
PHONE_RE = re.compile(r"(?<![0-9])((?:\+?86[- ]?)?1[3-9]\d)(\d{4})(\d{4})(?![0-9])")

PERSONAL_FIELD_RE = re.compile(r"(^|_)(id_number|phone|mobile)$", re.I)


# An ID number masked the old way (first 6 and last 4 kept: the last 4 and a birth date shown next to
# it give the number back). Change-log rows written so are kept 180 days and cannot be changed; what
# shows them (the audit page) masks them again.
OLD_ID_MASK_RE = re.compile(r"(?<![0-9A-Za-z*])([1-9]\d{5})\*{8}\d{3}[\dXx](?![0-9A-Za-z*])")


def mask_personal_data(text: str) -> str:
    """Mask every ID number (as ali_party.masking.mask_id_number: only the region code kept), every
    number masked the old way, and every mobile number (3 + 4 kept)."""
    if not text:
        return text
    text = ID_NUMBER_RE.sub(lambda m: mask_id_number(m.group(0)), text)
    text = OLD_ID_MASK_RE.sub(lambda m: mask_id_number(m.group(1) + "*" * 12), text)
    return PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def mask_personal_value(value: str) -> str:
    """For django-auditlog (AUDITLOG_MASK_CALLABLE): an ID number or phone masked as on the pages;
    anything else in a masked field entirely starred."""
    value = str(value or "")
    masked = mask_personal_data(value)
    if masked != value:
        return masked
    return "*" * len(value)


class PersonalDataFilter(logging.Filter):
    """Install on every handler. Never drops a record; rewrites it so that no handler, formatter or
    external service (mail, syslog, Sentry) sees a full ID number or mobile number."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler to report
            return True
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True


class _MaskedRepr:
    """Shown in an error report instead of a frame variable: its repr with personal data masked."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self):
        return self.text


class PersonalDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (mails to ADMINS, the technical 500 page) without ID numbers or phones.

    Unlike Django's default, which only cleanses what views mark with @sensitive_post_parameters
    and only when DEBUG is off, personal fields are cleansed always."""

    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|ID_NUMBER|PHONE|DATABASE_URL|BROKER_URL",
        flags=re.I)

    def _cleanse_dict(self, request, multivaluedict):
        cleansed = multivaluedict.copy()
        sensitive = getattr(request, "sensitive_post_parameters", []) if request is not None else []
        for key in list(cleansed.keys()):
            if sensitive == "__ALL__" or key in sensitive or PERSONAL_FIELD_RE.search(key) \
                    or self.hidden_settings.search(key):
                cleansed.setlist(key, [self.cleansed_substitute])
            else:
                cleansed.setlist(key, [mask_personal_data(v) if isinstance(v, str) else v
                                       for v in cleansed.getlist(key)])
        return cleansed

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return self._cleanse_dict(request, request.POST)

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        return self._cleanse_dict(request, multivaluedict)

    def get_safe_request_meta(self, request):
        return {k: mask_personal_data(v) if isinstance(v, str) else v
                for k, v in super().get_safe_request_meta(request).items()}

    def cleanse_special_types(self, request, value):
        value = super().cleanse_special_types(request, value)
        if isinstance(value, str):
            return mask_personal_data(value)
        return value

    def get_traceback_frame_variables(self, request, tb_frame):
        cleansed = []
        for name, value in super().get_traceback_frame_variables(request, tb_frame):
            if PERSONAL_FIELD_RE.search(str(name)):
                value = self.cleansed_substitute
            elif not isinstance(value, (str, int, float, bool, type(None))):
                try:
                    text = repr(value)
                except Exception as error:  # as Django's report would show it
                    text = f"Error in formatting: {error.__class__.__name__}: {error}"
                masked = mask_personal_data(text)
                if masked != text:
                    value = _MaskedRepr(masked)
            cleansed.append((name, value))
        return cleansed


class PersonalDataExceptionReporter(ExceptionReporter):
    """The whole finished report is masked: the exception message, GET parameters, the request
    URI and object reprs may carry a number that no filter hook sees."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        for key in ("exception_value", "exception_notes", "request_insecure_uri"):
            if isinstance(data.get(key), str):
                data[key] = mask_personal_data(data[key])
        if "request_GET_items" in data:
            data["request_GET_items"] = list(self.filter._cleanse_dict(self.request, self.request.GET).items()) \
                if hasattr(self.filter, "_cleanse_dict") else data["request_GET_items"]
        return data

    def get_traceback_html(self):
        return mask_personal_data(super().get_traceback_html())

    def get_traceback_text(self):
        return mask_personal_data(super().get_traceback_text())
