"""Hypothesis throws arbitrary input at every create/update form of the app, through the real
views: whatever is typed, the answer is a page (200 with messages, or a redirect), never a 500,
and a refused write stores nothing."""
from ali_party.pillars import RECORD_APPS
import pytest
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

NAMESPACES = {*RECORD_APPS, "accounts"}

# Inputs people (and attackers) actually type: Chinese text, full-width digits, odd dates,
# numbers out of range, formula payloads, huge and empty strings, control characters.
SCARY = st.sampled_from([
    "", " ", "0", "-1", "1e309", "NaN", "9" * 40, "2022年3月5日", "2022.3.5", "2022-02-30", "0000-00-00",
    "１２３４５６", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "<script>alert(1)</script>", "'; DROP TABLE x; --",
    "加木村", "\x00", "\ud7ff", "x" * 5000, "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X",
])
VALUE = st.one_of(SCARY, st.text(max_size=60), st.integers(min_value=-10**12, max_value=10**12).map(str),
                  st.dates().map(str))


def form_urls():
    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif namespace in NAMESPACES and p.name and p.name.endswith("_create") and "<" not in str(p.pattern):
                form_class = getattr(getattr(p.callback, "view_class", None), "form_class", None)
                if form_class is not None:
                    yield f"{namespace}:{p.name}", form_class
    return sorted(walk(get_resolver().url_patterns), key=lambda item: item[0])


FORM_URLS = form_urls()


def test_there_are_forms_to_fuzz():
    assert len(FORM_URLS) >= 25, [name for name, _ in FORM_URLS]


@pytest.mark.parametrize("name,form_class", FORM_URLS, ids=[name for name, _ in FORM_URLS])
def test_no_input_gives_a_server_error(name, form_class, world, django_db_blocker):
    from accounts.models import User
    user = world.sam if name.startswith("accounts:") else world.carol
    field_names = list(form_class.base_fields)
    url = reverse(name)
    model = form_class._meta.model
    before = model.objects.count()

    @hsettings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=st.fixed_dictionaries({f: VALUE for f in field_names}))
    def post_anything(data):
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(pk=user.pk))
        response = client.post(url, data)
        assert response.status_code in (200, 302), f"{url} {data!r} -> {response.status_code}"

    post_anything()
    # Random text never names a real related row, so nothing may have been stored.
    related = any(isinstance(f, (ModelChoiceField, ModelMultipleChoiceField)) and f.required
                  for f in form_class.base_fields.values())
    if related:
        assert model.objects.count() == before


@pytest.mark.parametrize("name,field", [("activities:activity_create", "attendees"),
                                        ("branches:assessment_create", "failed_items")])
def test_a_forty_digit_multiple_choice_is_an_invalid_choice_not_a_500(name, field, world, client_for):
    # Found by the fuzzing above (seed 4): Django sends `pk IN (10**40)` to the database, which overflows.
    response = client_for(world.carol).post(reverse(name), {field: "9" * 40})
    assert response.status_code == 200
    assert response.context["form"].errors[field]  # refused as a choice that does not exist


# Query strings (issue 17, Low 10): ?year=-1, 0, a 20-digit number or "²" gave 500s on list, export,
# ratings, compliance and organization pages. Every page a user reads by GET, with every year-like
# parameter set to each of these, answers with a page or a redirect.
BAD_YEARS = ["-1", "0", "99999999999999999999", "²", "１２３", "2022.5", "9" * 400]
# ?year= alone, then the other year-like parameters together (the funding overview's range, the
# model year fields that list filters offer).
YEAR_PARAMS = [("year",), ("first_year", "last_year", "start_year", "designated_year")]
BAD_DATES = ["0001-01-01", "9999-12-31", "-0001-01-01", "2022-02-30", "²"]  # ?on= (the compliance date)
READ_NAMESPACES = NAMESPACES - {"accounts"} | {"indicators", "dataexchange"}
NOT_PAGES = {"indicators:recompute", "cadres:member_find"}  # POST-only actions


def read_urls(world) -> list[str]:
    """Every GET page without arguments in the business namespaces, the organization and area pages,
    the dashboards and their reports, and every export."""
    from dataexchange.specs import SPECS
    names = []

    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif namespace in READ_NAMESPACES and p.name and "<" not in str(p.pattern):
                names.append(f"{namespace}:{p.name}")
    walk(get_resolver().url_patterns)
    urls = [reverse(n) for n in sorted(set(names)) if n not in NOT_PAGES and not n.endswith("_create")]
    urls += [reverse("branches:organization_detail", args=[world.org_a1.pk]),
             reverse("branches:area_detail", args=[world.county_a.pk])]
    for area in (world.root, world.county_a, world.village_a1):
        urls += [reverse("indicators:area_dashboard", args=[area.pk]),
                 reverse("indicators:report_xlsx", args=[area.pk]), reverse("indicators:report_docx", args=[area.pk])]
    for kind in SPECS:
        urls += [reverse("dataexchange:export", args=[kind, fmt]) for fmt in ("csv", "xlsx")]
    return urls


def test_no_year_in_a_query_string_gives_a_server_error(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.carol)
    urls = read_urls(world)
    assert len(urls) >= 60, urls
    failures = []
    for url in urls:
        for params in YEAR_PARAMS:
            for value in BAD_YEARS:
                status = client.get(url, dict.fromkeys(params, value)).status_code
                if status not in (200, 302):
                    failures.append(f"{url}?{'&'.join(params)}={value[:25]!r} -> {status}")
        for value in BAD_DATES:
            status = client.get(url, {"on": value}).status_code
            if status not in (200, 302):
                failures.append(f"{url}?on={value!r} -> {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("value,year", [("2022", 2022), (" 2021 ", 2021), ("-1", None), ("0", None),
                                        ("99999999999999999999", None), ("²", None), ("１２３", None),
                                        ("2022.5", None), ("", None), ("1999", None), ("2101", None)])
def test_the_one_year_parser(value, year, rf):
    from ali_party.years import parse_year, requested_year
    assert parse_year(value) == year
    assert requested_year(rf.get("/", {"year": value})) == year


# Area- and record-like parameters (?area=, the list filters' 县 / 乡镇 / 党组织 / 村): junk is
# ignored or refused as an invalid choice, never a 500 (an out-of-range integer overflowed on
# PostgreSQL, "²" passed str.isdigit()).
BAD_IDS = ["-1", "0", "99999999999999999999", "²", "１２３", "abc", "9" * 400]
ID_PARAMS = ["area", "county", "township", "organization", "village"]


def test_no_area_or_record_id_in_a_query_string_gives_a_server_error(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.carol)
    failures = []
    for url in read_urls(world):
        for value in BAD_IDS:
            status = client.get(url, dict.fromkeys(ID_PARAMS, value)).status_code
            if status not in (200, 302, 404):
                failures.append(f"{url}?…={value[:25]!r} -> {status}")
    assert not failures, "\n".join(failures)
