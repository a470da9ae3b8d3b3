"""Pieces every app's filters.py shares: the 是/否 filter and the area choices of the list filters.

Area choices: a prefecture-wide user's scope holds every county's townships and organizations
(at region scale 1,444 townships and ≈25,000 organizations), far too many for one <select>. So
the lists narrow them to the county (or township) chosen in the same filter form, and offer none
of them until one is chosen. A user whose scope is one county or smaller gets them directly.
"""
from __future__ import annotations

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from django_filters.widgets import BooleanWidget

from ali_party.params import parse_id
from ali_party.scoping import scope_path
from ali_party.widgets import LongSelect
from ali_party.years import MAX_YEAR, MIN_YEAR, parse_year
from branches.models import Area


TOWNSHIP_HELP = _("先选择县（区）并点击“筛选”，再选择乡镇。")
AREA_HELP = _("选择县（区）并点击“筛选”后，这里还可以选择其下的乡镇。")
ORGANIZATION_HELP = _("先选择县（区）或乡镇并点击“筛选”，再选择党组织。")


class YearFormField(forms.CharField):
    """A year typed into a list filter, read by the one year parser (ali_party.years.parse_year):
    "-1", "0", "²" or twenty digits are a form error, not a date lookup that fails or overflows."""

    widget = forms.NumberInput

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        year = parse_year(value)
        if year is None:
            raise forms.ValidationError(_("请输入%(min)d–%(max)d之间的年份。"), code="invalid_year",
                                        params={"min": MIN_YEAR, "max": MAX_YEAR})
        return year


class YearFilter(django_filters.Filter):
    """A 年度 filter: rows of one year (with lookup_expr="year" on a date field, or a method)."""

    field_class = YearFormField


class YesNoSelect(BooleanWidget):
    """是 / 否 with 全部 as the empty choice (django-filter's own reads 未知, as if it meant
    "rows whose value is unknown"). Reads and writes true / false like django-filter's BooleanWidget."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


class YesNoFilter(django_filters.BooleanFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)


# FilterSet.FILTER_DEFAULTS for every app: model BooleanFields listed in Meta.fields get YesNoFilter too.
FILTER_DEFAULTS = {**FILTER_FOR_DBFIELD_DEFAULTS, models.BooleanField: {"filter_class": YesNoFilter}}


def county_path(path: str) -> str | None:
    """The path of the county that `path` lies in (or is), None above county level."""
    return path[: 2 * Area.steplen] if len(path) >= 2 * Area.steplen else None


class AreaChoices:
    """The user's scope and the areas submitted in a filter form, read once for the whole form.

    `submitted` maps a filter name to the Area whose pk was submitted under it, when that Area lies
    in the scope (one query for all of them, none when nothing was submitted)."""

    def __init__(self, request, data, names: tuple[str, ...]):
        user = getattr(request, "user", None)
        self.scope = scope_path(user) if user is not None else None
        self.areas = Area.objects.visible_to(user)
        wanted = {}
        for name in names:
            value = (data or {}).get(name)
            pk = parse_id(value) if isinstance(value, str) else None
            if pk is not None:
                wanted[name] = pk
        found = {a.pk: a for a in self.areas.filter(pk__in=set(wanted.values()))} if wanted else {}
        self.submitted = {name: found[pk] for name, pk in wanted.items() if pk in found}

    @property
    def spans_counties(self) -> bool:
        """True for a prefecture-wide scope; False for one county or smaller (and for no scope)."""
        return self.scope is not None and county_path(self.scope) is None

    def submitted_at(self, name: str, level: str):
        area = self.submitted.get(name)
        return area if area is not None and area.level == level else None


class CountyTownshipFilterSet(django_filters.FilterSet):
    """县 and 乡镇 filters (rows under the chosen node). Townships are offered for the chosen county
    (or the county of the chosen township); a prefecture-wide user sees none before choosing one.

    `chosen_area` is the narrowest valid choice (township, else county, else None) for choices that
    depend on it (a member list's organizations)."""

    FILTER_DEFAULTS = FILTER_DEFAULTS
    county = django_filters.ModelChoiceFilter(label=_("县"), queryset=Area.objects.none(), method="filter_under",
                                              widget=LongSelect)
    township = django_filters.ModelChoiceFilter(
        label=_("乡镇"), queryset=Area.objects.none(), method="filter_under", widget=LongSelect,
        error_messages={"invalid_choice": _("所选乡镇不属于所选县（区）或不在本级管辖范围内，请重新选择。")})

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        choices = AreaChoices(request, self.data, ("county", "township"))
        county = choices.submitted_at("county", Area.Level.COUNTY)
        township = choices.submitted_at("township", Area.Level.TOWNSHIP)
        if county is not None and township is not None and not county.contains(township):
            township = None  # refused by the form below (not among the county's townships)
        self.filters["county"].queryset = choices.areas.filter(level=Area.Level.COUNTY)
        townships = choices.areas.filter(level=Area.Level.TOWNSHIP)
        self.spans_counties = choices.spans_counties
        if self.spans_counties:
            anchor = county or township
            if anchor is None:
                townships = townships.none()
                self.filters["township"].extra["help_text"] = TOWNSHIP_HELP
            else:
                townships = townships.filter(path__startswith=county_path(anchor.path))
        self.filters["township"].queryset = townships
        self.chosen_area = township or county

    def filter_under(self, queryset, name, value):
        return queryset.under(value) if value else queryset


class AreaFilterSet(django_filters.FilterSet):
    """One 县/乡镇 filter (rows under the chosen node). A prefecture-wide user is offered the counties,
    and the townships of the county chosen (or of the chosen township's county)."""

    FILTER_DEFAULTS = FILTER_DEFAULTS
    area = django_filters.ModelChoiceFilter(label=_("县/乡镇"), queryset=Area.objects.none(),
                                            method="filter_area", widget=LongSelect)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        choices = AreaChoices(request, self.data, ("area",))
        areas = choices.areas.filter(level__in=[Area.Level.COUNTY, Area.Level.TOWNSHIP])
        if choices.spans_counties:
            chosen = choices.submitted.get("area")
            anchor = county_path(chosen.path) if chosen is not None else None
            if anchor is None:
                areas = areas.filter(level=Area.Level.COUNTY)
                self.filters["area"].extra["help_text"] = AREA_HELP
            else:
                areas = areas.filter(Q(level=Area.Level.COUNTY) | Q(path__startswith=anchor))
        self.filters["area"].queryset = areas

    def filter_area(self, queryset, name, value):
        return queryset.under(value) if value else queryset


class AreaYearFilterSet(AreaFilterSet):
    """AreaFilterSet plus "年度": rows whose `date_field` falls in the year (no 年度 filter when a
    subclass leaves date_field unset)."""

    year = YearFilter(label=_("年度"), method="filter_year")
    date_field = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.date_field is None:
            del self.filters["year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": value}) if value else queryset
