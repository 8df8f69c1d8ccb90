import base64
import csv
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.oath import TOTP

from . import services
from .filters import ToegangslogFilter
from .forms import CodeForm, InlogForm
from .models import Rol, Toegangslog
from .policy import inlogstap, publiek, toegang


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


PAGINA = 50
KOLOMMEN = [
    ("tijdstip", "Tijdstip"),
    ("gebruikersnaam", "Gebruiker"),
    ("rol", "Rol"),
    ("organisatie", "Organisatie"),
    ("persoon_id", "Persoon"),
    ("huishouden_id", "Huishouden"),
    ("object_type", "Soort gegevens"),
    ("object_id", "Nummer"),
    ("actie", "Actie"),
    ("resultaat", "Resultaat"),
    ("reden", "Reden"),
    ("doorbraak", "Doorbraak"),
    ("ip", "IP-adres"),
    ("verwerkingsactiviteit", "Verwerkingsactiviteit"),
]


@toegang(Rol.BEHEERDER)
def logboek(request):
    """The access log for the beheerder: filter, page through, export as CSV."""
    filter_ = ToegangslogFilter(
        request.GET or None, queryset=Toegangslog.objects.order_by("-tijdstip", "-id")
    )
    rijen = filter_.qs if filter_.is_valid() else Toegangslog.objects.none()
    if request.GET.get("formaat") == "csv":
        return _csv(rijen)
    try:
        pagina = max(int(request.GET.get("pagina", 1)), 1)
    except ValueError:
        pagina = 1
    # No COUNT(*) over tens of millions of rows: fetch one row more to know if there is a next page.
    begin = (pagina - 1) * PAGINA
    regels = list(rijen[begin : begin + PAGINA + 1])
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "toegang/logboek.html",
        {
            "filter": filter_,
            "regels": regels[:PAGINA],
            "pagina": pagina,
            "volgende": len(regels) > PAGINA,
            "query": query.urlencode(),
        },
    )


class _Echo:
    def write(self, value):
        return value


def _csv(rijen):
    writer = csv.writer(_Echo(), delimiter=";")

    def regels():
        yield writer.writerow([label for _, label in KOLOMMEN])
        for regel in rijen.values_list(*[veld for veld, _ in KOLOMMEN]).iterator(chunk_size=2000):
            yield writer.writerow(regel)

    response = StreamingHttpResponse(regels(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="toegangslog.csv"'
    return response
