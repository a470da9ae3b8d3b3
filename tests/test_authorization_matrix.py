"""The authorization matrix, generated from the URL resolver: every URL × every role × own / other
county, on the demo data (records of every kind in every county).

- another county's clerk: every URL with an object id answers 404 to GET and POST, and the object
  is unchanged;
- the object's own county clerk reaches it (never 403/404);
- the read-only prefecture viewer reads, and gets 403 on every write URL (nothing changes);
- the system admin, the security officer and the auditor get 403 on every business URL (the admin
  reads the organization tree).
A new URL whose object cannot be determined fails the test until it is given an entry below.
"""
from ali_party.pillars import RECORD_APPS
import pytest
from django.apps import apps
from django.forms.models import model_to_dict
from django.urls import URLResolver, get_resolver, reverse

from accounts.models import User
from ali_party.scoping import area_of
from branches.models import Area
from indicators.demo import load_demo

BUSINESS_NAMESPACES = {*RECORD_APPS, "indicators", "dataexchange", "pickers", "earlywarning", "annualstats", "api"}
# URLs whose id is not the view's own model (function views, or a parent id).
OBJECT_OF_URL = {
    "cadres:member_advance": "cadres.PartyMember", "cadres:member_extend": "cadres.PartyMember",
    "cadres:member_cancel": "cadres.PartyMember", "cadres:member_transfer": "cadres.PartyMember",
    "cadres:assessment_create": "cadres.TwoCommitteeMember", "cadres:assessment_delete": "cadres.LanguageAssessment",
    "cadres:cadre_log_create": "cadres.SentCadre", "cadres:cadre_log_delete": "cadres.CadreWorkLog",
    "activities:attachment_download": "activities.ActivityAttachment",
    "activities:attachment_delete": "activities.ActivityAttachment",
    "activities:duty_add": "activities.ServiceHall", "activities:duty_delete": "activities.ServiceHallDuty",
    "evaluations:meeting_attendance": "evaluations.OrganizationLifeMeeting",
    "evaluations:campaign_close": "evaluations.EvaluationCampaign",
    "evaluations:campaign_reopen": "evaluations.EvaluationCampaign",
    "evaluations:result_create": "evaluations.EvaluationCampaign",
    "evaluations:not_evaluated_create": "evaluations.EvaluationCampaign",
    "evaluations:result_update": "evaluations.EvaluationResult",
    "evaluations:result_delete": "evaluations.EvaluationResult",
    "evaluations:not_evaluated_delete": "evaluations.NotEvaluated",
    "funding:ledger_create": "funding.TownshipAccount",
    "dues:ledger_update": "dues.DuesLedger",
    "development:member_record": "cadres.PartyMember", "development:member_register": "cadres.PartyMember",
    "development:step_create": "cadres.PartyMember", "development:contact_create": "cadres.PartyMember",
    "development:report_create": "cadres.PartyMember", "development:attachment_create": "cadres.PartyMember",
    "development:step_delete": "development.DevelopmentStep",
    "development:contact_delete": "development.DevelopmentContact",
    "development:report_delete": "development.ProbationReport",
    "development:attachment_download": "development.StepAttachment",
    "development:attachment_delete": "development.StepAttachment",
    "indicators:area_dashboard": "branches.Area", "indicators:report_docx": "branches.Area",
    "indicators:report_xlsx": "branches.Area", "branches:area_detail": "branches.Area",
    "annualstats:workbook": "branches.Area",
    # Import and export jobs belong to the user who started them (not to an area).
    "dataexchange:job_detail": "dataexchange.ImportJob", "dataexchange:job_status": "dataexchange.ImportJob",
    "dataexchange:job_confirm": "dataexchange.ImportJob", "dataexchange:job_problems": "dataexchange.ImportJob",
    "dataexchange:export_job_detail": "dataexchange.ExportJob",
    "dataexchange:export_job_status": "dataexchange.ExportJob",
    "dataexchange:export_job_download": "dataexchange.ExportJob",
}
WRITE_NAMES = {"dataexchange:import"}
# Not row-scoped: checked by their own tests (admin-only tree editing, run status).
NOT_ROW_SCOPED = {"branches:area_add_child", "branches:area_update", "indicators:run_status",
                  # the API's schema and docs (no records; api/tests/test_docs.py) and the system admin's
                  # token pages (api/tests/test_tokens.py)
                  "api:schema", "api:docs", "api:token_list", "api:token_create", "api:token_revoke"}
WRITE_WORDS = {"create", "update", "delete", "close", "reopen", "advance", "extend", "cancel", "transfer",
               "add", "status", "attendance", "reveal", "recompute", "decide"}
# The tree is the admins' to manage (they see areas, never records).
TREE_URLS = {"branches:area_tree", "branches:area_detail"}
# The three administrators of GB/T 22239 (demo accounts): no business data.
OUTSIDERS = ("admin", "security", "auditor")
TREE_OUTSIDERS = ("security", "auditor")
COUNTY_CLERKS = {"噶尔县": "gaer", "普兰县": "pulan", "札达县": "zhada", "日土县": "ritu", "革吉县": "geji",
                 "改则县": "gaize", "措勤县": "cuoqin"}


def business_urls():
    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif namespace in BUSINESS_NAMESPACES and p.name:
                yield f"{namespace}:{p.name}", p
    return list(walk(get_resolver().url_patterns))


def object_model(name, pattern):
    if name in OBJECT_OF_URL:
        return apps.get_model(OBJECT_OF_URL[name])
    view = getattr(pattern.callback, "view_class", None)
    if view is not None and "parent_pk" in str(pattern.pattern):
        return getattr(view, "parent_model", None)
    return getattr(view, "model", None)


def is_write(name):
    return name in WRITE_NAMES or name.split(":")[1].split("_")[-1] in WRITE_WORDS


def reverse_any(name, pattern, args=()):
    """Reverse a URL, filling a record-kind slug (import/export URLs, pickers) with a real kind."""
    if name.startswith("pickers:"):
        return reverse(name, kwargs={"kind": "members"})
    if "<slug:kind>" in str(pattern.pattern):
        from dataexchange.specs import SPECS
        kwargs = {"kind": next(iter(SPECS))}
        if "<str:fmt>" in str(pattern.pattern):
            kwargs["fmt"] = "xlsx"
        return reverse(name, kwargs=kwargs)
    return reverse(name, args=args)


def snapshot(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return None if fresh is None else model_to_dict(fresh)


@pytest.fixture
def demo(db):
    from django.core.files.base import ContentFile

    from activities.models import Activity, ActivityAttachment
    load_demo(recompute=False)
    ActivityAttachment.objects.create(activity=Activity.objects.order_by("pk").first(), kind="photo",
                                      file=ContentFile(b"%PDF-1.4", name="sign-in.pdf"), original_name="sign-in.pdf",
                                      content_type="application/pdf", size=8)
    from development.models import DevelopmentStep, StepAttachment
    StepAttachment.objects.create(step=DevelopmentStep.objects.order_by("pk").first(),
                                  file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="upload.pdf"), original_name="公示.pdf",
                                  content_type="application/pdf", size=14)
    from evaluations.models import OrganizationLifeMeeting
    meeting = OrganizationLifeMeeting.objects.order_by("pk").first()  # the one the matrix tests with
    meeting.attachment.save("upload.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    OrganizationLifeMeeting.objects.filter(pk=meeting.pk).update(attachment=meeting.attachment.name,
                                                                attachment_name="记录.pdf")
    from dataexchange.models import ExportJob, ImportJob
    ImportJob.objects.create(user=User.objects.get(username="gaer"), kind="organizations",
                             file=ContentFile(b"PK", name="x.xlsx"), original_name="x.xlsx")
    ExportJob.objects.create(user=User.objects.get(username="gaer"), kind="organizations", fmt="csv",
                             status=ExportJob.Status.DONE, file=ContentFile(b"x", name="x.csv"))


def county_of(area):
    return Area.objects.get(path=area.path[: 2 * Area.steplen])


def test_every_url_x_role_x_county(demo, client):
    users = {u.username: u for u in User.objects.all()}
    failures, checked = [], 0

    def status(user, method, url):
        nonlocal checked
        client.force_login(users[user])
        checked += 1
        return getattr(client, method)(url).status_code

    def expect(user, method, url, allowed, label):
        code = status(user, method, url)
        if code not in allowed:
            failures.append(f"{label}: {user} {method.upper()} {url} -> {code}, expected {allowed}")

    def expect_refused(user, url, refusal, label):
        """GET and POST both refused; 405 (wrong method, answered before any lookup, the same for
        any id) is fine for one of them, but the other must be the refusal itself."""
        codes = {status(user, "get", url), status(user, "post", url)}
        if not codes <= {refusal, 405} or refusal not in codes:
            failures.append(f"{label}: {user} GET/POST {url} -> {sorted(codes)}, expected {refusal}")

    for name, pattern in business_urls():
        if name in NOT_ROW_SCOPED:
            continue
        route = str(pattern.pattern)
        if "<int:" not in route:
            url = reverse_any(name, pattern)
            for outsider in TREE_OUTSIDERS if name in TREE_URLS else OUTSIDERS:
                expect_refused(outsider, url, 403, "no business data")
            if is_write(name):
                expect_refused("leader", url, 403, "read-only viewer writes")
            else:
                expect("gaer", "get", url, {200, 302, 405}, "clerk reads own lists")  # 405: POST-only search
            continue
        model = object_model(name, pattern)
        if model is None:
            failures.append(f"{name}: no entry in the authorization matrix (which model does its id name?)")
            continue
        if model.__name__ in ("ImportJob", "ExportJob"):  # a user's own, whatever its area
            job = model.objects.get()
            url = reverse(name, args=[job.pk])
            expect_refused("pulan", url, 404, "another user's job")
            expect("gaer", "get", url, {200, 302, 405}, "own job")
            for outsider in OUTSIDERS:
                expect_refused(outsider, url, 403, "no business data")
            continue
        if not hasattr(model, "scope_area_field") and model is not Area:
            failures.append(f"{name}: model {model.__name__} has no scope_area_field")
            continue
        objects = (model.objects.filter(level=Area.Level.COUNTY) if model is Area else model.objects.all())
        obj = objects.order_by("pk").first()
        if obj is None:
            failures.append(f"{name}: the demo data has no {model.__name__} to test with")
            continue
        area = obj if model is Area else area_of(obj)
        owner = COUNTY_CLERKS[county_of(area).name]
        other = next(u for c, u in COUNTY_CLERKS.items() if u != owner)
        url = reverse(name, args=[obj.pk])
        before = snapshot(obj)
        expect_refused(other, url, 404, "other county")
        expect(owner, "get", url, {200, 302, 405}, "own county")
        for outsider in TREE_OUTSIDERS if name in TREE_URLS else OUTSIDERS:
            expect_refused(outsider, url, 403, "no business data")
        if is_write(name):
            expect_refused("leader", url, 403, "read-only viewer writes")
        else:
            expect("leader", "get", url, {200, 302, 405}, "read-only viewer reads")
        if snapshot(obj) != before:
            failures.append(f"{name}: {model.__name__} {obj.pk} changed by refused requests")
    assert not failures, f"{len(failures)} of {checked} checks failed:\n" + "\n".join(failures)
    assert checked > 500
    print(f"\nauthorization matrix: {checked} checks passed")
