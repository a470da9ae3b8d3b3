"""Every write to accounts. Only system admins manage accounts; nobody changes their own role."""
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ali_party.scoping import Role

from .models import User
from .security import check_not_reused, remember_password


def _require_admin(actor: User) -> None:
    if not (actor.is_authenticated and actor.role == Role.ADMIN and actor.is_active):
        raise PermissionDenied("只有系统管理员可以管理账户。")


@transaction.atomic
def user_create(*, actor: User, username: str, full_name: str, role: str, scope_area, password: str) -> User:
    _require_admin(actor)
    user = User(username=username, full_name=full_name, role=role, scope_area=scope_area,
                must_change_password=True)
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save()
    remember_password(user)
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, full_name: str, role: str, scope_area, is_active: bool) -> User:
    _require_admin(actor)
    if user.pk == actor.pk and (role != actor.role or scope_area != actor.scope_area or not is_active):
        raise PermissionDenied("不能修改自己的角色、管辖范围或停用自己的账户。")
    user.full_name, user.role, user.scope_area, user.is_active = full_name, role, scope_area, is_active
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_reset_password(*, actor: User, user: User, password: str) -> User:
    """An admin sets a temporary password; the user must change it at the next login."""
    _require_admin(actor)
    validate_password(password, user)
    check_not_reused(user, password)
    user.set_password(password)
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    remember_password(user)
    return user


@transaction.atomic
def user_change_own_password(*, user: User, new_password: str) -> User:
    if user.check_password(new_password):
        raise ValidationError("新密码不能与当前密码相同。")
    validate_password(new_password, user)
    check_not_reused(user, new_password)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    remember_password(user)
    return user
