"""Thin views: the role check (`@toegang`), team scoping (selectors use `zichtbaar`), a form, a
service call. Broken rules come back as Dutch errors on the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from toegang.models import Rol
from toegang.policy import toegang, zichtbaar
from wijkteam import paginering

from . import selectors, services
from .filters import CasusFilter, TeamCasusFilter
from .forms import (
    ContactmomentForm,
    DomeinKeuzeForm,
    HuishoudenForm,
    KeukentafelgesprekForm,
    KoppelHuishoudenForm,
    MeldingForm,
    PersoonForm,
    RegieForm,
    StatusForm,
    TriageForm,
    ZoekForm,
    ZrmMetingForm,
)
from .models import (
    OVERGANG_LABELS,
    TRANSITIES,
    Huishouden,
    Status,
    Triage,
)

TEAM = (Rol.CONSULENT, Rol.TEAMLEIDER)
GET_POST = require_http_methods(["GET", "POST"])


def _fouten_op_formulier(form, fout: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


def _volgende(request, standaard: str) -> str:
    volgende = request.POST.get("volgende") or request.GET.get("volgende") or ""
    if volgende and url_has_allowed_host_and_scheme(
        volgende, {request.get_host()}, request.is_secure()
    ):
        return volgende
    return standaard


# --- Melding --------------------------------------------------------------------------------


@toegang(*TEAM)
def meldingen(request):
    pagina = paginering.pagina(request, selectors.open_meldingen(request.user))
    return render(request, "casussen/meldingen.html", {"pagina": pagina})


@toegang(*TEAM)
@GET_POST
def melding_nieuw(request):
    form = MeldingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            melding = services.melding_registreren(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, f"Melding {melding.nummer} is geregistreerd.")
            return redirect("casussen:melding", pk=melding.pk)
    return render(
        request,
        "casussen/formulier.html",
        {"form": form, "titel": "Nieuwe melding", "knop": "Melding registreren"},
    )


@toegang(*TEAM)
def melding(request, pk):
    m = selectors.melding(request.user, pk)
    leden = list(m.huishouden.leden.all()) if m.huishouden_id else []
    return render(request, "casussen/melding.html", {"melding": m, "leden": leden})


@toegang(*TEAM)
@GET_POST
def melding_huishouden(request, pk):
    """Link an existing household of the team, found by postcode and huisnummer."""
    m = selectors.melding(request.user, pk)
    if request.method == "POST":
        try:
            huishouden_id = int(request.POST.get("huishouden", ""))
        except ValueError:
            huishouden_id = None
        huishouden = (
            zichtbaar(request.user, Huishouden.objects).filter(pk=huishouden_id).first()
            if huishouden_id
            else None
        )
        if huishouden is None:
            messages.error(request, "Kies een huishouden uit de zoekresultaten.")
        else:
            try:
                services.melding_koppelen(door=request.user, melding=m, huishouden=huishouden)
            except ValidationError as fout:
                messages.error(request, " ".join(fout.messages))
            else:
                messages.success(request, f"Huishouden {huishouden} is gekoppeld.")
            return redirect("casussen:melding", pk=m.pk)
    form = KoppelHuishoudenForm(request.GET if "postcode" in request.GET else None)
    resultaten = None
    if form.is_bound and form.is_valid():
        resultaten = list(
            zichtbaar(request.user, Huishouden.objects)
            .filter(
                postcode=form.cleaned_data["postcode"],
                huisnummer=form.cleaned_data["huisnummer"],
            )
            .prefetch_related("leden")
            .order_by("toevoeging", "id")[:20]
        )
    return render(
        request,
        "casussen/melding_huishouden.html",
        {"melding": m, "form": form, "resultaten": resultaten},
    )


@toegang(*TEAM)
@GET_POST
def melding_huishouden_nieuw(request, pk):
    m = selectors.melding(request.user, pk)
    form = HuishoudenForm(request.POST if request.method == "POST" else None)
    bestaande = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bestaande = list(
            zichtbaar(request.user, Huishouden.objects)
            .filter(
                postcode=data["postcode"],
                huisnummer=data["huisnummer"],
                toevoeging__iexact=data["toevoeging"],
            )
            .prefetch_related("leden")[:5]
        )
        if not bestaande or request.POST.get("toch_nieuw") == "1":
            try:
                huishouden = services.huishouden_registreren(
                    door=request.user, melding=m, **form.cleaned_data
                )
            except ValidationError as fout:
                _fouten_op_formulier(form, fout)
            else:
                messages.success(request, f"Huishouden {huishouden} is aangemaakt en gekoppeld.")
                return redirect("casussen:melding", pk=m.pk)
    return render(
        request,
        "casussen/huishouden_nieuw.html",
        {"form": form, "melding": m, "bestaande": bestaande},
    )


@toegang(*TEAM)
@GET_POST
def melding_triage(request, pk):
    m = selectors.melding(request.user, pk)
    if m.triage != Triage.OPEN:
        messages.info(request, "Deze melding is al getrieerd.")
        return redirect("casussen:melding", pk=m.pk)
    form = TriageForm(
        request.POST if request.method == "POST" else None,
        team_id=request.user.team_id,
        initial={"regisseur": request.user.pk if request.user.heeft_rol(Rol.CONSULENT) else None},
    )
    open_casus = (
        m.huishouden.casussen.exclude(status=Status.AFGESLOTEN).first() if m.huishouden else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            casus = services.triageren(door=request.user, melding=m, **form.cleaned_data)
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            if casus is not None:
                messages.success(request, f"De melding is opgepakt in casus {casus.nummer}.")
                return redirect("casussen:casus", pk=casus.pk)
            messages.success(request, "De triage is vastgelegd.")
            return redirect("casussen:melding", pk=m.pk)
    return render(
        request,
        "casussen/triage.html",
        {"form": form, "melding": m, "open_casus": open_casus},
    )


# --- Household and persons -------------------------------------------------------------------


@toegang(*TEAM)
def huishouden(request, pk):
    h = selectors.huishoudenpagina(request.user, pk)
    return render(request, "casussen/huishouden.html", {"huishouden": h})


@toegang(*TEAM)
@GET_POST
def huishouden_bewerken(request, pk):
    h = selectors.huishouden(request.user, pk)
    form = HuishoudenForm(request.POST if request.method == "POST" else None, instance=h)
    if request.method == "POST" and form.is_valid():
        try:
            services.huishouden_wijzigen(door=request.user, huishouden=h, **form.cleaned_data)
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, "Het adres is gewijzigd.")
            return redirect("casussen:huishouden", pk=h.pk)
    return render(
        request,
        "casussen/formulier.html",
        {
            "form": form,
            "titel": f"Adres wijzigen: {h}",
            "knop": "Opslaan",
            "terug": reverse("casussen:huishouden", args=[h.pk]),
        },
    )


@toegang(*TEAM)
@GET_POST
def persoon_nieuw(request, pk):
    h = selectors.huishouden(request.user, pk)
    volgende = _volgende(request, reverse("casussen:huishouden", args=[h.pk]))
    form = PersoonForm(
        request.POST if request.method == "POST" else None,
        initial={"rol": "kind" if h.leden.exists() else "hoofdbewoner"},
    )
    dubbel = None
    if request.method == "POST" and form.is_valid():
        try:
            persoon = services.persoon_registreren(
                door=request.user,
                huishouden=h,
                toch_nieuw=form.cleaned_data["toch_nieuw"],
                **form.persoonsgegevens,
            )
        except services.DubbelePersoon as fout:
            dubbel = fout
            if fout.op_bsn:
                form.add_error(
                    "bsn",
                    "Er is al een persoon met dit BSN geregistreerd; er komt geen tweede."
                    + (
                        " Die persoon hoort bij een ander team: neem contact op met dat team."
                        if fout.buiten_team
                        else " Open de bestaande persoon hieronder."
                    ),
                )
            else:
                form.toon_toch_nieuw()
                form.add_error(
                    None,
                    "Er bestaat al een persoon met deze naam en geboortedatum. Open de "
                    "bestaande persoon, of vink aan dat het een andere persoon is.",
                )
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, f"{persoon.naam} is toegevoegd aan het huishouden.")
            return redirect(volgende)
    return render(
        request,
        "casussen/persoon_nieuw.html",
        {"form": form, "huishouden": h, "dubbel": dubbel, "volgende": volgende},
    )


@toegang(*TEAM)
def persoon(request, pk):
    p = selectors.persoon(request.user, pk)
    return render(
        request,
        "casussen/persoon.html",
        {"persoon": p, "zrm": selectors.zrm_historie(p)},
    )


@toegang(*TEAM)
@GET_POST
def persoon_bewerken(request, pk):
    p = selectors.persoon(request.user, pk)
    form = PersoonForm(request.POST if request.method == "POST" else None, instance=p)
    dubbel = None
    if request.method == "POST" and form.is_valid():
        try:
            services.persoon_wijzigen(door=request.user, persoon=p, **form.persoonsgegevens)
        except services.DubbelePersoon as fout:
            dubbel = fout
            form.add_error("bsn", "Er is al een andere persoon met dit BSN geregistreerd.")
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, "De gegevens zijn opgeslagen.")
            return redirect("casussen:persoon", pk=p.pk)
    return render(
        request,
        "casussen/persoon_nieuw.html",
        {"form": form, "huishouden": p.huishouden, "dubbel": dubbel, "persoon": p},
    )


# --- Case ----------------------------------------------------------------------------------


def _overgangen(casus):
    return [
        {"naar": naar, "label": OVERGANG_LABELS[(casus.status, naar)]}
        for naar in TRANSITIES.get(casus.status, ())
    ]


@toegang(*TEAM)
def casus(request, pk):
    context = selectors.casuspagina(request.user, pk)
    context["overgangen"] = _overgangen(context["casus"])
    context["mag_regie"] = request.user.heeft_rol(Rol.TEAMLEIDER)
    return render(request, "casussen/casus.html", context)


@toegang(*TEAM)
@GET_POST
def casus_status(request, pk):
    c = selectors.casus(request.user, pk)
    initial = {"naar": request.GET.get("naar", "")[:20]}
    form = StatusForm(
        request.POST if request.method == "POST" else None, huidig=c.status, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.status_wijzigen(
                door=request.user,
                casus=c,
                naar=form.cleaned_data["naar"],
                reden=form.cleaned_data["reden"],
                sluitreden=form.cleaned_data.get("sluitreden", ""),
            )
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            c.refresh_from_db(fields=["status"])
            messages.success(request, f"De status is nu: {c.get_status_display().lower()}.")
            return redirect("casussen:casus", pk=c.pk)
    return render(
        request,
        "casussen/status.html",
        {"form": form, "casus": c, "overgangen": _overgangen(c)},
    )


@toegang(Rol.TEAMLEIDER)
@GET_POST
def casus_regie(request, pk):
    c = selectors.casus(request.user, pk)
    form = RegieForm(
        request.POST if request.method == "POST" else None,
        team_id=c.team_id,
        initial={"regisseur": c.regisseur_id, "backup": c.backup_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.regie_toewijzen(door=request.user, casus=c, **form.cleaned_data)
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, f"De regie van {c.nummer} is gewijzigd.")
            return redirect(_volgende(request, reverse("casussen:team")))
    return render(
        request,
        "casussen/formulier.html",
        {
            "form": form,
            "titel": f"Regie wijzigen: {c.nummer}",
            "knop": "Regie opslaan",
            "terug": reverse("casussen:casus", args=[c.pk]),
            "volgende": _volgende(request, ""),
        },
    )


@toegang(*TEAM)
def contactmomenten(request, pk):
    c = selectors.casus(request.user, pk)
    pagina = paginering.pagina(request, selectors.contactmomenten(c))
    return render(request, "casussen/contactmomenten.html", {"casus": c, "pagina": pagina})


@toegang(*TEAM)
@GET_POST
def contactmoment_nieuw(request, pk):
    c = selectors.casus(request.user, pk)
    form = ContactmomentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contactmoment_vastleggen(door=request.user, casus=c, **form.cleaned_data)
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, "Het contactmoment is vastgelegd.")
            return redirect("casussen:casus", pk=c.pk)
    return render(
        request,
        "casussen/formulier.html",
        {
            "form": form,
            "titel": f"Contactmoment vastleggen: {c.nummer}",
            "knop": "Contactmoment opslaan",
            "terug": reverse("casussen:casus", args=[c.pk]),
        },
    )


# --- Keukentafelgesprek and ZRM -------------------------------------------------------------


def _domeinkeuze(request):
    """Step one (the domains), from the POST or the query string; None until chosen."""
    bron = request.POST if request.method == "POST" else request.GET
    if "domeinen" not in bron and request.method == "GET":
        return DomeinKeuzeForm(), None
    keuze = DomeinKeuzeForm(bron)
    if keuze.is_valid():
        return keuze, list(keuze.cleaned_data["domeinen"])
    return keuze, None


def _zrm_scores(form):
    return [services.Score(persoon=p, domein=d, score=s, reden=r) for p, d, s, r in form.scores()]


@toegang(*TEAM)
@GET_POST
def keukentafelgesprek_nieuw(request, pk):
    c = selectors.casus(request.user, pk)
    keuze, domeinen = _domeinkeuze(request)
    leden = list(c.huishouden.leden.all())
    context = {"casus": c, "keuze": keuze, "leden": leden}
    if domeinen is None or not leden:
        return render(request, "casussen/keukentafelgesprek_nieuw.html", context)
    form = KeukentafelgesprekForm(
        request.POST if request.method == "POST" else None, domeinen=domeinen, leden=leden
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            gesprek = services.keukentafelgesprek_vastleggen(
                door=request.user,
                casus=c,
                datum=data["datum"],
                plaats=data["plaats"],
                verslag=data["verslag"],
                aanwezige_leden=data["aanwezige_leden"],
                overige_aanwezigen=data["overige_aanwezigen"],
                netwerk=data["netwerk"],
                eigen_kracht=data["eigen_kracht"],
                leefgebieden=[
                    services.Leefgebied(domein=d, zorgen=z, krachten=k)
                    for d, z, k in form.leefgebieden()
                ],
                scores=_zrm_scores(form),
            )
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, "Het keukentafelgesprek en de ZRM zijn vastgelegd.")
            return redirect("casussen:keukentafelgesprek", pk=gesprek.pk)
    context.update({"form": form, "domeinen": domeinen})
    return render(request, "casussen/keukentafelgesprek_nieuw.html", context)


@toegang(*TEAM)
def keukentafelgesprek(request, pk):
    gesprek = selectors.keukentafelgesprek(request.user, pk)
    meting = getattr(gesprek, "zrm_meting", None)
    return render(
        request,
        "casussen/keukentafelgesprek.html",
        {"gesprek": gesprek, "casus": gesprek.casus, "zrm": selectors.zrm_tabel(meting)},
    )


@toegang(*TEAM)
@GET_POST
def zrm_nieuw(request, pk):
    c = selectors.casus(request.user, pk)
    keuze, domeinen = _domeinkeuze(request)
    leden = list(c.huishouden.leden.all())
    context = {"casus": c, "keuze": keuze, "leden": leden}
    if domeinen is None or not leden:
        return render(request, "casussen/zrm_nieuw.html", context)
    form = ZrmMetingForm(
        request.POST if request.method == "POST" else None,
        domeinen=domeinen,
        leden=leden,
        initial={"soort": request.GET.get("soort", "")[:20]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.zrm_vastleggen(
                door=request.user,
                casus=c,
                datum=form.cleaned_data["datum"],
                soort=form.cleaned_data["soort"],
                scores=_zrm_scores(form),
            )
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, "De ZRM-meting is vastgelegd.")
            return redirect("casussen:casus", pk=c.pk)
    context.update({"form": form, "domeinen": domeinen})
    return render(request, "casussen/zrm_nieuw.html", context)


# --- Lists and search ------------------------------------------------------------------------


@toegang(*TEAM)
def caseload(request):
    filter_ = CasusFilter(request.GET, queryset=selectors.mijn_caseload(request.user))
    pagina = paginering.pagina(request, filter_.qs, paginator=paginering.IdsEerstPaginator)
    return render(
        request,
        "casussen/caseload.html",
        {"filter": filter_, "pagina": pagina, "titel": "Mijn caseload", "teamweergave": False},
    )


@toegang(Rol.TEAMLEIDER)
def team(request):
    filter_ = TeamCasusFilter(
        request.GET,
        queryset=selectors.casussen_lijst(request.user),
        team_id=request.user.team_id,
    )
    pagina = paginering.pagina(request, filter_.qs, paginator=paginering.IdsEerstPaginator)
    return render(
        request,
        "casussen/caseload.html",
        {
            "filter": filter_,
            "pagina": pagina,
            "titel": f"Casussen van {request.user.team}",
            "teamweergave": True,
        },
    )


@toegang(*TEAM)
def zoeken(request):
    form = ZoekForm(request.GET or None)
    pagina = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data.get("casusnummer") and not any(
            data.get(k) for k in ("naam", "bsn", "geboortedatum", "postcode", "huisnummer")
        ):
            gevonden = selectors.casussen_lijst(request.user).filter(pk=data["casusnummer"])
            if gevonden.exists():
                return redirect("casussen:casus", pk=data["casusnummer"])
        pagina = paginering.pagina(request, selectors.zoeken(request.user, **data))
    return render(request, "casussen/zoeken.html", {"form": form, "pagina": pagina})


# --- stuurinformatie (issue 9): figures only, for teamleider and beleid ---------------------


def _stuurinformatie(request):
    """The validated filter form and, when valid, the figures' cache key and the dashboard's
    tables (reads only; read from the cache when first used)."""
    from . import stuurinformatie

    # Bound even without parameters: the defaults (the last twelve months) are its cleaning.
    form = stuurinformatie.FilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return form, None, None
    filter_ = stuurinformatie.Filter.uit_form(form)
    per_consulent = request.user.heeft_rol(Rol.TEAMLEIDER)
    sleutel = stuurinformatie.cache_sleutel(filter_, per_consulent=per_consulent)
    secties = SimpleLazyObject(
        lambda: stuurinformatie.gecachte_tabellen(
            filter_, per_consulent=per_consulent, sleutel=sleutel
        )
    )
    return form, sleutel, secties


@toegang(Rol.TEAMLEIDER, Rol.BELEID)
@require_http_methods(["GET"])
def stuurinformatie(request):
    from .stuurinformatie import BEWAARTIJD

    form, sleutel, secties = _stuurinformatie(request)
    context = {
        "form": form,
        "figuren_sleutel": sleutel,
        "bewaartijd": BEWAARTIJD,
        "secties": secties,
        "query": request.GET.urlencode(),
    }
    return render(request, "casussen/stuurinformatie/dashboard.html", context)


@toegang(Rol.TEAMLEIDER, Rol.BELEID)
@require_http_methods(["GET"])
def stuurinformatie_csv(request):
    from . import stuurinformatie as stuurinformatie_export

    form, _, secties = _stuurinformatie(request)
    if secties is None:
        return render(
            request, "casussen/stuurinformatie/dashboard.html", {"form": form}, status=400
        )
    return stuurinformatie_export.csv_antwoord(secties)


@toegang(Rol.TEAMLEIDER, Rol.BELEID)
@require_http_methods(["GET"])
def stuurinformatie_xlsx(request):
    from . import stuurinformatie as stuurinformatie_export

    form, _, secties = _stuurinformatie(request)
    if secties is None:
        return render(
            request, "casussen/stuurinformatie/dashboard.html", {"form": form}, status=400
        )
    return stuurinformatie_export.xlsx_antwoord(secties)
