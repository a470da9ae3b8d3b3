"""Writes of 组织换届: one transaction each, scope check, the derived fields, `full_clean()`, save.

A term's `due_on` comes from `models.term_due_date`; its `previous` and `ended_on` from the
organization's terms ordered by start date (`_chain`), written with `save(update_fields=…)` so that
the change log and the indicators' dirty marks see every derived change.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ali_party.scoping import require_editable
from ali_party.services import scoped_create, scoped_update
from branches.models import PartyOrganization

from .models import SecretaryAppraisal, Term, TermMember, term_due_date

TERM_FIELDS = ("organization", "number", "election_date", "start_date", "approved_by", "approval_number",
               "approved_on", "reschedule_approved_by", "reschedule_number", "reschedule_approved_on", "note")


def _chain(organization: PartyOrganization, term: Term) -> list[Term]:
    """The organization's terms with `term` in its place, ordered by start date."""
    others = list(Term.objects.filter(organization=organization).exclude(pk=term.pk)
                  .order_by("start_date", "pk"))
    terms = others + [term]
    terms.sort(key=lambda t: (t.start_date, t.pk or 0))
    return terms


def _check_and_save(term: Term, *, old_organization: PartyOrganization | None = None) -> Term:
    if term.organization_id and term.start_date:
        term.due_on = term_due_date(term.organization, term.start_date)
    term.full_clean(exclude=["previous"] + (["due_on"] if term.due_on is None else []))
    terms = _chain(term.organization, term)
    index = terms.index(term)
    previous = terms[index - 1] if index else None
    following = terms[index + 1] if index + 1 < len(terms) else None
    errors = term.shift_errors(previous)
    if following is not None and following.shift_errors(term):
        errors.setdefault("start_date", _(
            "按这个任期开始日期，下一届（%(date)s选举）将比本届任期届满日期（%(due)s）提前或推迟超过一年，"
            "而下一届没有提前或延期换届的批准记录，请先在下一届登记批准。") % {
            "date": following.election_date.isoformat(), "due": term.due_on.isoformat()})
    if errors:
        raise ValidationError(errors)
    # The term's own links are set before its save, so its footprint (indicators.receivers) holds them.
    term.previous = previous
    term.ended_on = following.start_date if following else None
    term.save()
    _save_links(term.organization)
    if old_organization is not None and old_organization.pk != term.organization_id:
        _save_links(old_organization)
    return term


def _save_links(organization: PartyOrganization) -> None:
    """Write the `previous` and `ended_on` of the organization's terms that moved."""
    terms = list(Term.objects.filter(organization=organization).order_by("start_date", "pk"))
    for index, term in enumerate(terms):
        previous_id = terms[index - 1].pk if index else None
        ended_on = terms[index + 1].start_date if index + 1 < len(terms) else None
        if term.previous_id != previous_id or term.ended_on != ended_on:
            term.previous_id, term.ended_on = previous_id, ended_on
            term.save(update_fields=["previous", "ended_on"])


@transaction.atomic
def term_create(*, actor, organization: PartyOrganization, **fields) -> Term:
    """Record a term (an election's result); the term in office before it ends when it starts."""
    require_editable(actor=actor, area=organization.area)
    term = Term(organization=organization, **fields)
    return _check_and_save(term)


@transaction.atomic
def term_update(*, actor, term: Term, **fields) -> Term:
    require_editable(actor=actor, area=term.organization.area)
    old_organization = term.organization
    for name, value in fields.items():
        setattr(term, name, value)
    require_editable(actor=actor, area=term.organization.area)
    return _check_and_save(term, old_organization=old_organization)


@transaction.atomic
def term_delete(*, actor, term: Term) -> None:
    """Remove a term entered by mistake (with its elected members); the terms around it are re-linked.
    Removing it must not leave the next election more than a year off the previous due date unapproved."""
    require_editable(actor=actor, area=term.organization.area)
    following = Term.objects.filter(previous=term).first()
    if following is not None and term.previous_id and following.shift_errors(term.previous):
        raise ValidationError(_("删除这一届后，下一届的选举日期将比上一届任期届满日期相差超过一年且无批准记录，不能删除。"))
    organization = term.organization
    term.delete()
    _save_links(organization)


@transaction.atomic
def term_member_create(*, actor, term: Term, **fields) -> TermMember:
    return scoped_create(TermMember, actor=actor, term=term, **fields)


@transaction.atomic
def term_member_update(*, actor, term_member: TermMember, **fields) -> TermMember:
    if "member" in fields and fields["member"] is not None:
        require_editable(actor=actor, area=fields["member"].organization.area)
    return scoped_update(term_member, actor=actor, **fields)


@transaction.atomic
def term_member_delete(*, actor, term_member: TermMember) -> None:
    require_editable(actor=actor, area=term_member.term.organization.area)
    term_member.delete()


# --- 述职评议考核 --------------------------------------------------------------------------------------

def _check_secretary(actor, secretary) -> None:
    # A member out of the user's scope is not theirs to name (404), as for a term's elected members.
    if secretary is not None:
        require_editable(actor=actor, area=secretary.organization.area)


@transaction.atomic
def appraisal_create(*, actor, organization: PartyOrganization, **fields) -> SecretaryAppraisal:
    """Record a secretary's 述职评议考核 (scope checked on the organization's and the secretary's area)."""
    _check_secretary(actor, fields.get("secretary"))
    return scoped_create(SecretaryAppraisal, actor=actor, organization=organization, **fields)


@transaction.atomic
def appraisal_update(*, actor, appraisal: SecretaryAppraisal, **fields) -> SecretaryAppraisal:
    """Change an appraisal, e.g. record the rectification done (scope checked where it was and where it goes)."""
    _check_secretary(actor, fields.get("secretary"))
    return scoped_update(appraisal, actor=actor, **fields)


@transaction.atomic
def appraisal_delete(*, actor, appraisal: SecretaryAppraisal) -> None:
    require_editable(actor=actor, area=appraisal.organization.area)
    appraisal.delete()
