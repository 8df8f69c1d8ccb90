import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.oath import TOTP

from . import services
from .forms import CodeForm, InlogForm
from .policy import inlogstap, publiek


class InloggenView(auth_views.LoginView):
    template_name = "toegang/inloggen.html"
    authentication_form = InlogForm
    redirect_authenticated_user = False

    def get_success_url(self):
        url = reverse("toegang:tweede_factor")
        volgende = self.get_redirect_url()
        return f"{url}?next={volgende}" if volgende else url


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, {request.get_host()}, request.is_secure()):
        return volgende
    return reverse(settings.LOGIN_REDIRECT_URL)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@inlogstap
@never_cache
def tweede_factor(request):
    """Step two: the code from the authenticator app; first-time users set the app up here."""
    if request.user.is_verified():
        return redirect(_volgende(request))
    device = services.totp_apparaat(gebruiker=request.user)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        request.session.cycle_key()
        return redirect(_volgende(request))
    context = {"form": form, "instellen": not device.confirmed, "next": _volgende(request)}
    if not device.confirmed:
        context["qr"] = _qr_svg(device.config_url)
        context["sleutel"] = base64.b32encode(device.bin_key).decode()
    if settings.DEBUG and settings.DEMO_MODE and request.user.is_demo:
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        context["democode"] = f"{totp.token():0{device.digits}d}"
    return render(request, "toegang/tweede_factor.html", context)


inloggen = publiek(InloggenView.as_view())
uitloggen = inlogstap(auth_views.LogoutView.as_view())
