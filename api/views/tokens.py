"""The system admin's token pages: the list, a new token (its key shown once, in the answer to the
POST) and the revocation. Business roles, security officers and auditors get 403."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from accounts.signals import client_address
from ali_party.scoping import Role, has_role
from ali_party.tables import paginate_table
from ali_party.views import apply_validation_error

from .. import services
from ..forms import TokenCreateForm
from ..models import ApiToken
from ..tables import TokenTable


class AdminView(View):
    @method_decorator(login_required)
    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, Role.ADMIN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TokenListView(AdminView):
    http_method_names = ["get"]

    def get(self, request):
        table = TokenTable(ApiToken.objects.select_related("user").order_by("-created_at", "-pk"))
        paginate_table(request, table)
        return render(request, "api/token_list.html", {"table": table})


class TokenCreateView(AdminView):
    form_class = TokenCreateForm

    def get(self, request):
        return render(request, "api/token_form.html", {"form": self.form_class()})

    def post(self, request):
        form = self.form_class(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                new = services.token_create(actor=request.user, user=data["user"], name=data["name"],
                                            valid_days=data["valid_days"], remote_addr=client_address(request))
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                # The key is in this answer only (never stored, never shown again).
                return render(request, "api/token_created.html", {"token": new.token, "key": new.key})
        return render(request, "api/token_form.html", {"form": form})


class TokenRevokeView(AdminView):
    model = ApiToken
    http_method_names = ["get", "post"]

    def get(self, request, pk):
        token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
        return render(request, "api/token_revoke.html", {"token": token})

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk)
        try:
            token = services.token_revoke(actor=request.user, token=token, remote_addr=client_address(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("令牌 %(t)s 已吊销。") % {"t": token})
        return redirect("api:token_list")
