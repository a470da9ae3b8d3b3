"""Every page in English (issue 18, item 7): logged in as each demo role, every URL pattern of the
resolver that answers a GET (lists, details, forms, dashboards at each level, the account and audit
pages, the 403 and 404 pages, the JSON status of jobs, the dashboard's indicator workbook) shows no
Chinese outside the data. (Not checked: the year-end Word report, a Chinese official document, and
the import templates and exports, whose column headings are the import files' own.)

The data is what the records say: every text value stored in the database rows the demo created
(names of people, organizations and areas, notes …), except the rows of the seeded catalogues
(activity and meeting kinds, fund sources and purposes, designation kinds, problem categories)
and of the jobs and snapshots, whose texts are interface and must be translated. The audit trail's
texts are data: a change-log entry keeps the record's name as it was, and a security event's
description is recorded once, in the system's language (the tables are append-only evidence).
Those values are cut out of each text node and attribute; what is left must have no CJK character.
The language switch names its other language in that language (中文) and is left out.
"""
import json
import re

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from lxml import html as lxml_html

from accounts.models import User
from branches.models import Area
from tests.test_authorization_matrix import OBJECT_OF_URL, demo, reverse_any  # noqa: F401 (fixture)

CJK = re.compile(r"[\u3400-\u9fff]+")
# Rows whose texts are the interface's words, not data (see the module docstring).
INTERFACE_MODELS = {
    "activities.ActivityKind", "evaluations.MeetingKind", "funding.FundSource", "funding.FundPurpose",
    "branches.DesignationKind", "branches.ProblemCategory",
    "dataexchange.ImportJob", "dataexchange.ExportJob", "indicators.RecomputeRun", "indicators.IndicatorSnapshot",
}
ROLES = ("prefecture", "leader", "gaer", "shiquanhe", "admin", "security", "auditor")
SKIP_NAMESPACES = {"admin"}  # /django-admin/: Django's own pages, for the catalogues
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-bs-title")


def data_strings() -> list[str]:
    """Every text stored in a business row (the data), longest first, those with CJK only."""
    found = set()
    for model in apps.get_models():
        if model._meta.label in INTERFACE_MODELS or model._meta.app_label in {"contenttypes", "sessions", "axes",
                                                                              "otp_totp", "otp_static", "auth"}:
            continue
        fields = [f.attname for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField)) and not f.choices]
        if not fields:
            continue
        for obj in model.objects.all().iterator():
            for name in fields:
                value = getattr(obj, name)
                if isinstance(value, str) and CJK.search(value):
                    found.add(value.strip())
                    found.update(line.strip() for line in value.splitlines() if line.strip())
    return sorted(found, key=len, reverse=True)


class Strip:
    """Cuts the data strings out of a text (one regex, longest first)."""

    def __init__(self, strings):
        self.pattern = re.compile("|".join(re.escape(s) for s in strings)) if strings else None

    def __call__(self, text: str) -> str:
        if not CJK.search(text):
            return ""
        return self.pattern.sub(" ", text) if self.pattern else text


def page_texts(content: str):
    """The text nodes and readable attributes of a page, and the string values of its JSON
    scripts (the charts' labels), without the language switch."""
    doc = lxml_html.fromstring(content)
    for form in doc.xpath(f'//form[@action="{reverse("set_language")}"]'):
        form.drop_tree()
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "script":
            if el.get("type") == "application/json" and el.text:
                yield from json_strings(json.loads(el.text))
        elif el.tag != "style" and el.text:
            yield el.text
        if el.tail:
            yield el.tail
        for attribute in ATTRIBUTES:
            if el.get(attribute):
                yield el.get(attribute)
        if el.tag == "input" and el.get("type") in ("submit", "button") and el.get("value"):
            yield el.get("value")


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def workbook_strings(content: bytes):
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(content), read_only=True)
    for sheet in workbook.worksheets:
        yield sheet.title
        for row in sheet.iter_rows(values_only=True):
            yield from (value for value in row if isinstance(value, str))


def url_patterns():
    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif p.name and namespace not in SKIP_NAMESPACES:
                yield (f"{namespace}:{p.name}" if namespace else p.name), p
    return list(walk(get_resolver().url_patterns))


# URLs outside the authorization matrix's list whose id is not the view's own model.
MORE_OBJECTS_OF_URL = {
    "accounts:user_update": "accounts.User", "accounts:user_reset_password": "accounts.User",
    "accounts:user_reset_otp": "accounts.User", "accounts:user_unlock": "accounts.User",
    "accounts:grant_decide": "accounts.RoleGrant", "accounts:code_decide": "accounts.PasswordSetupCode",
    "branches:area_add_child": "branches.Area", "branches:area_update": "branches.Area",
    "indicators:run_status": "indicators.RecomputeRun",
}


def model_of(name, pattern):
    if name in OBJECT_OF_URL or name in MORE_OBJECTS_OF_URL:
        return apps.get_model(OBJECT_OF_URL.get(name) or MORE_OBJECTS_OF_URL[name])
    view = getattr(pattern.callback, "view_class", None)
    if view is not None and "parent_pk" in str(pattern.pattern):
        return getattr(view, "parent_model", None)
    return getattr(view, "model", None)


def object_for(user, model):
    """An object of the model that the user sees (the first one; any one for outsiders)."""
    rows = model.objects.all()
    if model is Area:
        rows = Area.objects.visible_to(user) if user.scope_area_id else rows
        return rows.filter(level=Area.Level.COUNTY).first() or rows.order_by("path").first()
    if model in (User,):
        return rows.order_by("pk").first()
    if hasattr(model, "scope_area_field") and user.scope_area_id:
        rows = model.objects.visible_to(user)
    elif model.__name__ in ("ImportJob", "ExportJob"):
        rows = rows.filter(user=user) or rows
    return rows.order_by("pk").first()


def urls_for(user):
    urls = []
    for name, pattern in url_patterns():
        if name in ("set_language", "accounts:logout"):
            continue
        if "<int:" not in str(pattern.pattern):
            urls.append(reverse_any(name, pattern))
            continue
        model = model_of(name, pattern)
        assert model is not None, f"{name}: which model does its id name? (MORE_OBJECTS_OF_URL)"
        obj = object_for(user, model)
        if obj is not None:
            urls.append(reverse(name, args=[obj.pk]))
    # The dashboards at each level of the tree that the user sees, a 404.
    visible = Area.objects.visible_to(user) if user.scope_area_id else Area.objects.none()
    for level in Area.Level.values:
        area = visible.filter(level=level).order_by("path").first()
        if area is not None:
            urls.append(reverse("indicators:area_dashboard", args=[area.pk]) + "?year=2022")
    if user.role == "auditor":
        urls.append(reverse("accounts:audit_log") + "?tab=events")
    urls.append("/no-such-page/")
    return urls


def test_every_page_in_english_shows_no_chinese_outside_the_data(demo, client):  # noqa: F811
    from accounts.services import role_grant_request, user_reset_password
    from ali_party.scoping import Role
    from indicators.services import default_years, recompute
    recompute(years=default_years())  # the dashboards show the snapshots
    # A role grant and a password code waiting for the security officer (the approvals page).
    admin, clerk = User.objects.get(username="admin"), User.objects.get(username="pulan")
    role_grant_request(actor=admin, user=clerk, role=Role.PREFECTURE_VIEWER,
                       scope_area=Area.objects.get(level=Area.Level.PREFECTURE))
    user_reset_password(actor=admin, user=User.objects.get(username="zhada"))
    strip = Strip(data_strings())
    problems, pages = [], 0
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        for username in ROLES:
            user = User.objects.get(username=username)
            client.force_login(user)
            if username == "auditor":  # the walk's own downloads are security events by now (data)
                strip = Strip(data_strings())
            for url in urls_for(user):
                response = client.get(url)
                kind = response.get("Content-Type", "")
                if kind.startswith("text/html") and response.content:
                    texts = page_texts(response.content.decode())
                elif kind.startswith("application/json"):
                    texts = json_strings(json.loads(response.content))
                elif url.endswith("/indicators.xlsx"):  # the dashboard's indicator table (the Word
                    texts = workbook_strings(response.content)  # report is a Chinese official document)
                else:
                    continue
                pages += 1
                left = sorted({" ".join(s.split())[:80] for s in map(strip, texts) if CJK.search(s)})
                if left:
                    problems.append(f"{username} {url} ({response.status_code}): " + " | ".join(left[:30]))
    finally:
        translation.activate(settings.LANGUAGE_CODE)
    assert pages > 500
    assert not problems, f"{len(problems)} of {pages} pages show Chinese in English:\n" + "\n".join(problems)


def test_the_dashboard_charts_are_labelled_in_the_language_of_the_page(client_for, world):
    """The charts draw only what the page gives them (static/js/dashboard.js): their month names,
    rating, sex and age labels come from the page's JSON in the active language."""
    client = client_for(world.carol)
    url = reverse("indicators:area_dashboard", args=[world.root.pk]) + "?year=2022"
    try:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = chart_data(client.get(url))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
        chinese = chart_data(client.get(url))
    finally:
        translation.activate(settings.LANGUAGE_CODE)
    assert english["months"]["names"] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                          "Nov", "Dec"]
    assert [r["name"] for r in english["ratings"]] == ["Excellent", "Qualified", "Basically qualified",
                                                       "Unqualified", "Not graded"]
    assert [g["name"] for g in english["gender"]] == ["Female", "Male"]
    assert [a["name"] for a in english["age"]] == ["Under 30", "30 and over"]
    assert chinese["months"]["names"] == [f"{m}月" for m in range(1, 13)]
    assert [r["name"] for r in chinese["ratings"]] == ["优秀", "合格", "基本合格", "不合格", "不定等次"]
    assert [g["name"] for g in chinese["gender"]] == ["女", "男"]
    assert [a["name"] for a in chinese["age"]] == ["30岁以下", "30岁及以上"]


def chart_data(response) -> dict:
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    return json.loads(doc.get_element_by_id("chart-data").text)


def test_stored_job_messages_are_shown_in_the_language_of_the_reader():
    """A job's message is stored in Chinese (the worker's language) and shown in the reader's."""
    from dataexchange.messages import IMPORTED, LOST_MESSAGE, translated

    stored = IMPORTED % (3, 1, 0)
    assert stored == "已全部导入：新增3条，更新1条，无变化0条。"
    try:
        translation.activate("en")
        assert translated(stored) == "All imported: 3 added, 1 updated, 0 unchanged."
        assert translated(LOST_MESSAGE % 2) == ("The job had not finished after 2 hours and was stopped; no data "
                                                "was changed. Please submit it again.")
        assert translated("别的文字") == "别的文字"  # a text from no known message shows as stored
        translation.activate("zh-hans")
        assert translated(stored) == stored
    finally:
        translation.activate(settings.LANGUAGE_CODE)
