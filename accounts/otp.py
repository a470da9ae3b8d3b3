"""Second factor (TOTP) pages: enrol an authenticator app once, then verify at each login."""
import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class TokenForm(forms.Form):
    token = forms.CharField(label="动态验证码", max_length=6, min_length=6,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@login_required
def otp_verify_view(request):
    device = _confirmed_device(request.user)
    if device is None:
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect("home")
        form.add_error("token", "动态验证码不正确或已过期。")
    return render(request, "accounts/otp_verify.html", {"form": form})


@login_required
def otp_setup_view(request):
    if _confirmed_device(request.user) is not None:
        return redirect("accounts:otp_verify")
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or TOTPDevice.objects.create(
            user=request.user, name="默认验证器", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "双因素认证已启用。")
            return redirect("home")
        form.add_error("token", "动态验证码不正确，请确认手机时间准确后重试。")
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return render(request, "accounts/otp_setup.html", {"form": form, "qr_svg": mark_safe(svg),  # noqa: S308 (generated SVG)
                                                       "secret": base64.b32encode(device.bin_key).decode()})
