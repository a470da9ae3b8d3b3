"""`Authorization: Token <key>`: the token's user, or 401 (and a security event) for a key that is
unknown, revoked or expired, or whose account is deactivated."""
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from ali_party.client_address import client_address

from .services import TooManyRefusals, token_authenticate

KEYWORD = "Token"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = KEYWORD

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None  # no token: the session (if any) decides
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Authorization 头格式应为：Token <令牌>。"))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("令牌无效。")) from None
        try:
            token = token_authenticate(key=key[:200], remote_addr=client_address(request._request))
        except TooManyRefusals as refusals:
            raise exceptions.Throttled(wait=refusals.retry_after, detail=str(_(
                "该地址被拒绝的令牌过多，请稍后再试。"))) from None
        if token is None:
            raise exceptions.AuthenticationFailed(_("令牌无效、已吊销或已过期。"))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
