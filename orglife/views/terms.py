"""Terms: the detail page (with the elected members), the elected members' forms, the overdue list
and the terms due soon (the reminder)."""
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.generic import NestedCreateView, ScopedDeleteView, ScopedDetailView, ScopedListView, ScopedUpdateView

from .. import selectors
from ..filters import OverdueTermFilter
from ..forms import TermMemberForm
from ..models import Term, TermMember, term_years
from ..services import term_delete, term_member_create, term_member_delete, term_member_update
from ..tables import DueTermTable, OverdueTermTable


class TermDetailView(ScopedDetailView):
    model = Term
    select_related = ("organization__area", "previous")
    template_name = "orglife/term_detail.html"
    context_object_name = "term"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(
            Prefetch("members", queryset=TermMember.objects.select_related("member").order_by("role", "pk")),
            Prefetch("successors", queryset=Term.objects.order_by("start_date")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        term = self.object
        context.update(term_years=term_years(term.organization), today=timezone.localdate(),
                       successor=next(iter(term.successors.all()), None))
        return context


class TermMemberCreateView(NestedCreateView):
    model = TermMember
    form_class = TermMemberForm
    parent_model = Term
    parent_kwarg = "term"
    parent_form_kwarg = "term"
    parent_select_related = ("organization__area",)
    service = term_member_create
    success_message = _("当选班子成员已保存。")
    extra_title = _("登记当选班子成员")


class TermMemberUpdateView(ScopedUpdateView):
    model = TermMember
    form_class = TermMemberForm
    select_related = ("term__organization__area",)
    service = term_member_update
    instance_kwarg = "term_member"
    success_message = _("当选班子成员已保存。")
    extra_context = {"title": _("编辑当选班子成员")}


class TermMemberDeleteView(ScopedDeleteView):
    model = TermMember
    select_related = ("term__organization__area", "member")
    service = term_member_delete
    instance_kwarg = "term_member"
    success_message = _("当选班子成员已删除。")

    def get_success_url(self):
        return self.object.term.get_absolute_url()


class TermDeleteView(ScopedDeleteView):
    model = Term
    select_related = ("organization__area",)
    service = term_delete
    instance_kwarg = "term"
    success_message = _("换届记录已删除。")

    def get_success_url(self):
        return reverse("orglife:term_list")


class OverdueTermListView(ScopedListView):
    """Terms in office past their due date (应换届未换届)."""

    model = Term
    filterset_class = OverdueTermFilter
    table_class = OverdueTermTable
    template_name = "orglife/overdue_terms.html"
    extra_context = {"title": _("应换届未换届的党组织"), "active": "overdue"}

    def get_queryset(self):
        return selectors.overdue_terms(self.request.user, timezone.localdate())


class DueSoonTermListView(OverdueTermListView):
    """Terms due within six months (换届提醒)."""

    table_class = DueTermTable
    extra_context = {"title": _("换届提醒（6个月内任期届满）"), "active": "due_soon"}

    def get_queryset(self):
        return selectors.terms_due_soon(self.request.user, timezone.localdate())
