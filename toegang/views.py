import base64
import csv
from io import BytesIO

import qrcode
import qrcode.image.svg
import weasyprint
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.oath import TOTP

from . import services
from .filters import ToegangslogFilter
from .forms import CodeForm, DoorbraakForm, GegevensdelingForm, InlogForm, ToestemmingForm
from .inzage import inzage as inzage_gegevens
from .models import Gegevensdeling, LogActie, Rol, Toegangslog, Toestemming
from .policy import inlogstap, ophalen_of_404, publiek, toegang


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


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
def doorbreken(request, huishouden_id: int):
    """Break-the-glass on a household of another team: a reason, logged, teamleider told."""
    huishouden = get_object_or_404(apps.get_model("casussen", "Huishouden"), pk=huishouden_id)
    volgende = reverse("casussen:huishouden", args=[huishouden.pk])
    if huishouden.team_id == request.user.team_id:
        return redirect(volgende)
    form = DoorbraakForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.glas_breken(
            gebruiker=request.user,
            huishouden=huishouden,
            reden=form.cleaned_data["reden"],
            request=request,
        )
        messages.warning(request, "U heeft de afscherming doorbroken. Dit is vastgelegd.")
        return redirect(volgende)
    return render(request, "toegang/doorbreken.html", {"form": form})


@toegang(Rol.BEHEERDER)
def inzage(request, persoon_id: int):
    """An AVG inzage request: all data on one person, as JSON or a readable PDF."""
    persoon = get_object_or_404(apps.get_model("casussen", "Persoon"), pk=persoon_id)
    formaat = request.GET.get("formaat")
    gegevens = inzage_gegevens(persoon)
    if formaat in {"json", "pdf"}:
        services.log_toegang(
            gebruiker=request.user,
            object=persoon,
            actie=LogActie.EXPORTEREN,
            request=request,
            reden="AVG-inzageverzoek",
            verwerkingsactiviteit="AVG-verzoeken",
        )
    naam = f"inzage-persoon-{persoon.pk}"
    if formaat == "json":
        response = JsonResponse(gegevens, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{naam}.json"'
        return response
    context = {"persoon": persoon, "gegevens": gegevens, "datum": timezone.localdate()}
    if formaat == "pdf":
        html = render_to_string("toegang/inzage_pdf.html", context)
        pdf = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{naam}.pdf"'
        return response
    return render(request, "toegang/inzage.html", context)


def _huishouden(request, huishouden_id: int):
    return ophalen_of_404(
        request.user, apps.get_model("casussen", "Huishouden").objects, pk=huishouden_id
    )


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
def toestemmingen(request, huishouden_id: int):
    """A household's consents: who may see what, until when; withdraw with one click."""
    huishouden = _huishouden(request, huishouden_id)
    rijen = (
        Toestemming.objects.filter(persoon__huishouden=huishouden)
        .select_related("persoon", "ontvanger")
        .prefetch_related("door_gezaghebbenden")
        .order_by("persoon_id", "-geldig_van")
    )
    delingen = Gegevensdeling.objects.filter(huishouden=huishouden).select_related(
        "persoon", "ontvanger", "toestemming"
    )
    vandaag = timezone.localdate()
    return render(
        request,
        "toegang/toestemmingen.html",
        {
            "huishouden": huishouden,
            "toestemmingen": rijen,
            "delingen": delingen,
            "vandaag": vandaag,
        },
    )


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
def gegevensdeling_nieuw(request, huishouden_id: int):
    """Record a share on the ground of a legal task, obligation or vital interest."""
    huishouden = _huishouden(request, huishouden_id)
    form = GegevensdelingForm(request.POST or None, leden=huishouden.leden.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.gegevensdeling_vastleggen(
                door=request.user, huishouden=huishouden, **form.cleaned_data
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Het delen en de grondslag zijn vastgelegd.")
            return redirect("toegang:toestemmingen", huishouden.pk)
    return render(
        request, "toegang/gegevensdeling_nieuw.html", {"form": form, "huishouden": huishouden}
    )


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
def toestemming_nieuw(request, huishouden_id: int):
    huishouden = _huishouden(request, huishouden_id)
    leden = huishouden.leden.all()
    initial = {"geldig_van": timezone.localdate(), "ontvanger": request.GET.get("organisatie")}
    form = ToestemmingForm(request.POST or None, leden=leden, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.toestemming_vastleggen(
                door=request.user,
                persoon=data["persoon"],
                doel=data["doel"],
                onderdelen=data["onderdelen"],
                methode=data["methode"],
                geldig_van=data["geldig_van"],
                geldig_tot=data["geldig_tot"],
                door_betrokkene=data["door_betrokkene"],
                gezaghebbenden=data["gezaghebbenden"],
                ontvanger=data["ontvanger"],
                ontvanger_naam=data["ontvanger_naam"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De toestemming is vastgelegd.")
            return redirect("toegang:toestemmingen", huishouden.pk)
    return render(
        request, "toegang/toestemming_nieuw.html", {"form": form, "huishouden": huishouden}
    )


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
@require_POST
def toestemming_intrekken(request, pk: int):
    toestemming = ophalen_of_404(request.user, Toestemming.objects.select_related("persoon"), pk=pk)
    if toestemming.ingetrokken_op is None:
        services.toestemming_intrekken(door=request.user, toestemming=toestemming)
        messages.success(request, "De toestemming is ingetrokken. Dit geldt direct.")
    return redirect("toegang:toestemmingen", toestemming.persoon.huishouden_id)


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
def toestemming_pdf(request, pk: int):
    """The consent form to print and sign."""
    toestemming = ophalen_of_404(
        request.user,
        Toestemming.objects.select_related(
            "persoon__huishouden", "ontvanger", "getuige"
        ).prefetch_related("door_gezaghebbenden"),
        pk=pk,
        actie=LogActie.PRINTEN,
    )
    html = render_to_string("toegang/toestemming_pdf.html", {"t": toestemming})
    pdf = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="toestemming-{toestemming.pk}.pdf"'
    return response
