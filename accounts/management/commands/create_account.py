"""The first accounts of a new installation, made by the server's operator: a security officer (so
that role grants can be approved at all), an auditor, a system admin. Business roles are refused:
they are asked for by a system admin and approved by a security officer in the application.

The account gets a one-time code (both halves, printed here once) with which its holder sets their
own password at /accounts/password/setup/ within 24 hours. Recorded as security events."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import services
from accounts.models import AccessEvent, PasswordSetupCode, User
from ali_party.scoping import Role

BOOTSTRAP_ROLES = [Role.SECURITY_OFFICER, Role.AUDITOR, Role.ADMIN]
OPERATOR = "（系统）"


class Command(BaseCommand):
    help = "新建安全管理员、审计员或系统管理员账户（安装时使用），输出一次性验证码。业务角色须在系统中申请并批准。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.value for r in BOOTSTRAP_ROLES])
        parser.add_argument("--full-name", default="")

    @transaction.atomic
    def handle(self, *args, username, role, full_name, **options):
        user = User(username=username, full_name=full_name, role=role, must_change_password=True)
        user.set_unusable_password()
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        user.save()
        first, second = services.new_code_half(), services.new_code_half()
        PasswordSetupCode.objects.create(
            user=user, reason=PasswordSetupCode.Reason.CREATE, state=PasswordSetupCode.State.ISSUED,
            admin_half_hash=services.hash_code_half(first), officer_half_hash=services.hash_code_half(second),
            decided_at=timezone.now(), expires_at=timezone.now() + services.CODE_VALIDITY)
        AccessEvent.objects.create(username=OPERATOR, kind=AccessEvent.Kind.CODE_APPROVE,
                                   target=f"{username}（{Role(role).label}，manage.py create_account）")
        self.stdout.write(f"账户 {username}（{Role(role).label}）已创建。一次性验证码（24小时内有效，只显示这一次）：")
        self.stdout.write(f"  {first}  {second}")
        self.stdout.write("请账户本人在 /accounts/password/setup/ 输入这两半验证码，设置自己的密码。")
