"""Thin views of the plan: access through toegang.policy, writes through services, reads through
selectors. Every page works without JavaScript; htmx only makes it smoother."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casussen.models import Casus, Huishouden
from toegang.models import Rol
from toegang.policy import ophalen_of_404, toegang
from wijkteam import paginering

from . import backoffice, selectors, services
from .forms import (
    AanvraagForm,
    AanvullenForm,
    ActieForm,
    BehandelaarForm,
    BesluitForm,
    DoelForm,
    MeerInformatieForm,
    OndertekeningForm,
    OpschortenForm,
    OpschortingBeeindigenForm,
    PlanversieForm,
    TerugsturenForm,
    VerdagenForm,
    WachtrijFilter,
)
from .models import Actie, Beschikking, Doel, Ondertekening, Opschorting, PdfStatus, Planversie

ROLLEN = (Rol.CONSULENT, Rol.TEAMLEIDER)


def _versie_url(planversie_id: int, anker: str = "") -> str:
    url = reverse("plannen:versie", kwargs={"pk": planversie_id})
    return f"{url}#{anker}" if anker else url


def _bevroren(request, planversie_id: int):
    messages.error(request, str(services.BevrorenFout()))
    return redirect(_versie_url(planversie_id))


def _conflict(form, huidig, velden: list[str], data_basis) -> dict:
    """What the other person saved, next to what this person typed. The form's version counter
    moves on, so saving again (after reading this) is a conscious choice, never a silent one."""
    verschillen = []
    for veld in velden:
        if veld not in form.fields or veld == "versie_basis":
            continue
        bound = form[veld]
        opgeslagen = getattr(huidig, veld)
        jouw = form.cleaned_data.get(veld) if hasattr(form, "cleaned_data") else None
        if opgeslagen != jouw:
            weergave = getattr(huidig, f"get_{veld}_display", None)
            verschillen.append(
                {
                    "label": bound.label,
                    "opgeslagen": weergave() if weergave and opgeslagen else opgeslagen,
                    "jouw": jouw,
                }
            )
    laatste = huidig.history.select_related("history_user").first()
    data = data_basis.copy()
    data["versie_basis"] = huidig.versie
    return {
        "verschillen": verschillen,
        "door": laatste.history_user if laatste else None,
        "op": laatste.history_date if laatste else None,
        "data": data,
    }


# --- Plan and version pages ------------------------------------------------------------------


@toegang(*ROLLEN)
def plan(request, huishouden_id: int):
    """The household's plan: its current version, or the start of a new plan."""
    huishouden = ophalen_of_404(request.user, Huishouden.objects.all(), pk=huishouden_id)
    versie_id = selectors.huidige_versie_id(huishouden.pk)
    if versie_id is not None:
        return redirect(_versie_url(versie_id))
    return render(request, "plannen/plan_starten.html", {"huishouden": huishouden})


@toegang(*ROLLEN)
@require_POST
def plan_starten(request, huishouden_id: int):
    huishouden = ophalen_of_404(request.user, Huishouden.objects.all(), pk=huishouden_id)
    versie = services.plan_starten(huishouden=huishouden, door=request.user)
    return redirect(_versie_url(versie.pk))


@toegang(*ROLLEN)
def versie(request, pk: int):
    return render(request, "plannen/versie.html", selectors.versiepagina(request.user, pk))


@toegang(*ROLLEN)
def versie_bewerken(request, pk: int):
    planversie = ophalen_of_404(request.user, Planversie.objects.select_related("plan"), pk=pk)
    if not planversie.is_concept:
        return _bevroren(request, pk)
    conflict = None
    if request.method == "POST":
        form = PlanversieForm(request.POST, instance=Planversie.objects.get(pk=pk))
        if form.is_valid():
            velden = {veld: form.cleaned_data[veld] for veld in services.INHOUD_VELDEN}
            try:
                services.planversie_bijwerken(
                    planversie=planversie,
                    door=request.user,
                    verwachte_versie=form.cleaned_data["versie_basis"],
                    velden=velden,
                )
            except services.BevrorenFout:
                return _bevroren(request, pk)
            except services.VerouderdFout as fout:
                conflict = _conflict(form, fout.huidig, services.INHOUD_VELDEN, request.POST)
                form = PlanversieForm(conflict["data"], instance=fout.huidig)
                form.is_valid()
            except ValidationError as fout:
                form.fouten_van_service(fout)
            else:
                messages.success(request, "Het plan is opgeslagen.")
                return redirect(_versie_url(pk))
    else:
        form = PlanversieForm(instance=planversie, initial={"versie_basis": planversie.versie})
    return render(
        request,
        "plannen/versie_bewerken.html",
        {"form": form, "versie": planversie, "conflict": conflict},
    )


# --- Goals ---------------------------------------------------------------------------------------


def _formulier(request, context: dict):
    return render(request, "plannen/formulier.html", context)


@toegang(*ROLLEN)
def doel_toevoegen(request, pk: int):
    planversie = ophalen_of_404(request.user, Planversie.objects.all(), pk=pk)
    if not planversie.is_concept:
        return _bevroren(request, pk)
    form = DoelForm(request.POST or None, nieuw=True)
    if request.method == "POST" and form.is_valid():
        try:
            doel = services.doel_toevoegen(
                planversie=planversie,
                door=request.user,
                domein=form.cleaned_data["domein"],
                omschrijving=form.cleaned_data["omschrijving"],
            )
        except services.BevrorenFout:
            return _bevroren(request, pk)
        except ValidationError as fout:
            form.fouten_van_service(fout)
        else:
            messages.success(request, "Het doel is toegevoegd.")
            return redirect(_versie_url(pk, f"doel-{doel.pk}"))
    return _formulier(
        request,
        {"form": form, "versie": planversie, "titel": "Doel toevoegen", "knop": "Doel toevoegen"},
    )


@toegang(*ROLLEN)
def doel_bewerken(request, pk: int):
    doel = ophalen_of_404(request.user, Doel.objects.select_related("planversie"), pk=pk)
    planversie = doel.planversie
    if not planversie.is_concept:
        return _bevroren(request, planversie.pk)
    conflict = None
    if request.method == "POST":
        form = DoelForm(request.POST, instance=Doel.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.doel_bijwerken(
                    doel=doel,
                    door=request.user,
                    verwachte_versie=form.cleaned_data["versie_basis"],
                    domein=form.cleaned_data["domein"],
                    omschrijving=form.cleaned_data["omschrijving"],
                )
            except services.BevrorenFout:
                return _bevroren(request, planversie.pk)
            except services.VerouderdFout as fout:
                conflict = _conflict(form, fout.huidig, services.DOEL_VELDEN, request.POST)
                form = DoelForm(conflict["data"], instance=fout.huidig)
                form.is_valid()
            except ValidationError as fout:
                form.fouten_van_service(fout)
            else:
                messages.success(request, "Het doel is opgeslagen.")
                return redirect(_versie_url(planversie.pk, f"doel-{pk}"))
    else:
        form = DoelForm(instance=doel, initial={"versie_basis": doel.versie})
    return _formulier(
        request,
        {
            "form": form,
            "versie": planversie,
            "titel": "Doel bewerken",
            "knop": "Opslaan",
            "conflict": conflict,
        },
    )


def _verwijderen(request, obj, planversie, *, wat: str, service):
    if request.method == "POST":
        try:
            basis = request.POST.get("versie_basis", "")
            service(door=request.user, verwachte_versie=int(basis) if basis.isdigit() else 0)
        except services.BevrorenFout:
            return _bevroren(request, planversie.pk)
        except services.VerouderdFout:
            messages.error(
                request,
                f"{wat} is niet verwijderd: iemand anders heeft het intussen gewijzigd. "
                "Bekijk de wijziging en probeer het zo nodig opnieuw.",
            )
            return redirect(_versie_url(planversie.pk))
        messages.success(request, f"{wat} is verwijderd.")
        return redirect(_versie_url(planversie.pk))
    return render(
        request,
        "plannen/verwijderen.html",
        {"object": obj, "versie": planversie, "wat": wat},
    )


@toegang(*ROLLEN)
def doel_verwijderen(request, pk: int):
    doel = ophalen_of_404(request.user, Doel.objects.select_related("planversie"), pk=pk)
    if not doel.planversie.is_concept:
        return _bevroren(request, doel.planversie_id)

    def service(**kw):
        services.doel_verwijderen(doel=doel, **kw)

    return _verwijderen(request, doel, doel.planversie, wat="Het doel", service=service)


# --- Actions -------------------------------------------------------------------------------------


def _actie_form(request, data, planversie, **kw):
    huishouden = planversie.plan.huishouden
    return ActieForm(data, huishouden=huishouden, team=huishouden.team_id, **kw)


@toegang(*ROLLEN)
def actie_toevoegen(request, pk: int):
    doel = ophalen_of_404(
        request.user, Doel.objects.select_related("planversie__plan__huishouden"), pk=pk
    )
    planversie = doel.planversie
    if not planversie.is_concept:
        return _bevroren(request, planversie.pk)
    form = _actie_form(request, request.POST or None, planversie, nieuw=True)
    if request.method == "POST" and form.is_valid():
        velden = {v: form.cleaned_data[v] for v in services.ACTIE_VELDEN if v in form.fields}
        try:
            actie = services.actie_toevoegen(doel=doel, door=request.user, velden=velden)
        except services.BevrorenFout:
            return _bevroren(request, planversie.pk)
        except ValidationError as fout:
            form.fouten_van_service(fout)
        else:
            messages.success(request, "De actie is toegevoegd.")
            return redirect(_versie_url(planversie.pk, f"actie-{actie.pk}"))
    return _formulier(
        request,
        {
            "form": form,
            "versie": planversie,
            "titel": "Actie toevoegen",
            "ondertitel": f"Bij doel: {doel.omschrijving}",
            "knop": "Actie toevoegen",
        },
    )


@toegang(*ROLLEN)
def actie_bewerken(request, pk: int):
    actie = ophalen_of_404(
        request.user, Actie.objects.select_related("doel__planversie__plan__huishouden"), pk=pk
    )
    planversie = actie.doel.planversie
    if not planversie.is_concept:
        return _bevroren(request, planversie.pk)
    conflict = None
    if request.method == "POST":
        form = _actie_form(request, request.POST, planversie, instance=Actie.objects.get(pk=pk))
        if form.is_valid():
            velden = {v: form.cleaned_data[v] for v in services.ACTIE_VELDEN}
            try:
                services.actie_bijwerken(
                    actie=actie,
                    door=request.user,
                    verwachte_versie=form.cleaned_data["versie_basis"],
                    velden=velden,
                )
            except services.BevrorenFout:
                return _bevroren(request, planversie.pk)
            except services.VerouderdFout as fout:
                conflict = _conflict(form, fout.huidig, services.ACTIE_VELDEN, request.POST)
                form = _actie_form(request, conflict["data"], planversie, instance=fout.huidig)
                form.is_valid()
            except ValidationError as fout:
                form.fouten_van_service(fout)
            else:
                messages.success(request, "De actie is opgeslagen.")
                return redirect(_versie_url(planversie.pk, f"actie-{pk}"))
    else:
        form = _actie_form(request, None, planversie, instance=actie)
        form.initial["versie_basis"] = actie.versie
    return _formulier(
        request,
        {
            "form": form,
            "versie": planversie,
            "titel": "Actie bewerken",
            "knop": "Opslaan",
            "conflict": conflict,
        },
    )


@toegang(*ROLLEN)
def actie_verwijderen(request, pk: int):
    actie = ophalen_of_404(request.user, Actie.objects.select_related("doel__planversie"), pk=pk)
    planversie = actie.doel.planversie
    if not planversie.is_concept:
        return _bevroren(request, planversie.pk)

    def service(**kw):
        services.actie_verwijderen(actie=actie, **kw)

    return _verwijderen(request, actie, planversie, wat="De actie", service=service)


# --- Signing -------------------------------------------------------------------------------------


@toegang(*ROLLEN)
def ondertekenen(request, pk: int):
    planversie = selectors.planversie_voor(request.user, pk)
    form = OndertekeningForm(request.POST or None, request.FILES or None, planversie=planversie)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ondertekenen(
                planversie=planversie,
                door=request.user,
                persoon=data["persoon"],
                vertegenwoordiger_naam=data["vertegenwoordiger_naam"],
                hoedanigheid=data["hoedanigheid"],
                oordeel=data["oordeel"],
                opmerkingen=data["opmerkingen"],
                methode=data["methode"],
                bestand=data["bestand"],
                formele_aanvraag=data.get("formele_aanvraag", False),
            )
        except ValidationError as fout:
            for veld, fouten in fout.message_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(request, "De ondertekening is vastgelegd.")
            return redirect(_versie_url(pk, "ondertekening"))
    return render(
        request,
        "plannen/ondertekenen.html",
        {
            "form": form,
            "versie": planversie,
            "nog_niet_getekend": selectors.nog_niet_getekend(planversie),
        },
    )


@toegang(*ROLLEN)
def ondertekening_bestand(request, pk: int):
    """The signature image or the scan, after the access check (files are not under the web
    root)."""
    ondertekening = ophalen_of_404(request.user, Ondertekening.objects.all(), pk=pk)
    extensie = ondertekening.bestand.name.rsplit(".", 1)[-1]
    response = FileResponse(
        ondertekening.bestand.open("rb"),
        content_type=ondertekening.bestand_type,
        as_attachment=not ondertekening.is_afbeelding,
        filename=f"ondertekening-{ondertekening.pk}.{extensie}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Versions and comparison ---------------------------------------------------------------------


@toegang(*ROLLEN)
@require_POST
def nieuwe_versie(request, pk: int):
    planversie = ophalen_of_404(request.user, Planversie.objects.all(), pk=pk)
    try:
        nieuw = services.nieuwe_versie(planversie=planversie, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(_versie_url(pk))
    messages.success(request, f"Versie {nieuw.nummer} is gemaakt als concept; pas die aan.")
    return redirect(_versie_url(nieuw.pk))


@toegang(*ROLLEN)
def vergelijken(request, pk: int):
    """Version `pk` next to another version of the same plan (?met=, default: the one before)."""
    deze = selectors.planversie_voor(request.user, pk)
    versies = selectors.versies_van_plan(deze.plan_id)
    met = request.GET.get("met", "")
    if met:
        if not met.isdigit() or int(met) not in {v.pk for v in versies}:
            raise Http404
        andere_id = int(met)
    else:
        eerder = [v for v in versies if v.nummer < deze.nummer]
        andere_id = eerder[0].pk if eerder else None
    context = {"versie": deze, "versies": versies}
    if andere_id is not None and andere_id != deze.pk:
        andere = selectors.planversie_voor(request.user, andere_id)
        a, b = sorted([deze, andere], key=lambda v: v.nummer)
        context.update({"a": a, "b": b, "verschil": selectors.vergelijking(a, b)})
    return render(request, "plannen/vergelijken.html", context)


# --- PDF -------------------------------------------------------------------------------------


@toegang(*ROLLEN)
def pdf(request, pk: int):
    """GET: the state of the PDF (htmx polls it; without JS the page says to refresh).
    POST: ask a worker to render it."""
    planversie = ophalen_of_404(
        request.user, Planversie.objects.select_related("plan__huishouden", "pdf"), pk=pk
    )
    if request.method == "POST":
        services.pdf_aanvragen(planversie=planversie, door=request.user)
        return redirect("plannen:pdf", pk=pk)
    context = {"versie": planversie, "pdf": selectors.pdf_van(planversie)}
    if request.htmx and not request.htmx.boosted:  # the polling of the status block
        return render(request, "plannen/_pdf_status.html", context)
    return render(request, "plannen/pdf.html", context)


@toegang(*ROLLEN)
def pdf_downloaden(request, pk: int):
    planversie = ophalen_of_404(request.user, Planversie.objects.select_related("pdf"), pk=pk)
    bestand = selectors.pdf_van(planversie)
    if bestand is None or bestand.status != PdfStatus.KLAAR or not bestand.bestand:
        messages.info(request, "De PDF is nog niet klaar.")
        return redirect("plannen:pdf", pk=pk)
    response = FileResponse(
        bestand.bestand.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"plan-versie-{planversie.nummer}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Backoffice (issue 7) ----------------------------------------------------------------------
# The backoffice works on requests (all teams); consulent and teamleider see their team's
# requests and decisions, and start a request from the case.

BACKOFFICE = (Rol.BACKOFFICE,)
AANVRAAG_ROLLEN = (Rol.BACKOFFICE, Rol.CONSULENT, Rol.TEAMLEIDER)


def _aanvraag_url(pk: int, anker: str = "") -> str:
    url = reverse("plannen:aanvraag", kwargs={"pk": pk})
    return f"{url}#{anker}" if anker else url


@toegang(*BACKOFFICE)
def aanvragen(request):
    """The queue: open requests, most urgent first, filtered and paginated."""
    filter_form = WachtrijFilter(request.GET or None)
    criteria = filter_form.cleaned_data if filter_form.is_valid() else {}
    qs = selectors.aanvragen_wachtrij(
        request.user,
        status=criteria.get("status") or None,
        wet=criteria.get("wet") or "",
        team=criteria.get("team"),
        dagen_over=criteria.get("dagen_over"),
        soort=criteria.get("soort") or "",
        behandelaar=criteria.get("behandelaar") or "",
    )
    pagina = paginering.pagina(request, qs)
    rijen = [{"aanvraag": a, "klok": selectors.klok_van(a)} for a in pagina]
    return render(
        request,
        "plannen/backoffice/wachtrij.html",
        {"filter_form": filter_form, "pagina": pagina, "rijen": rijen},
    )


def _aanvraag_context(request, aanvraag, **extra) -> dict:
    context = selectors.aanvraagpagina(aanvraag)
    context["is_backoffice"] = request.user.heeft_rol(Rol.BACKOFFICE)
    context.setdefault("besluit_form", BesluitForm(initial=_besluit_initial(aanvraag)))
    context.setdefault("meer_form", MeerInformatieForm())
    context.setdefault("aanvul_form", AanvullenForm())
    context.setdefault("opschort_form", OpschortenForm())
    context.setdefault("verdaag_form", VerdagenForm())
    context.setdefault("terug_form", TerugsturenForm())
    context.setdefault("einde_form", OpschortingBeeindigenForm())
    context.setdefault(
        "behandelaar_form", BehandelaarForm(initial={"behandelaar": aanvraag.behandelaar_id})
    )
    context.update(extra)
    return context


def _besluit_initial(aanvraag) -> dict:
    return {
        "product": aanvraag.soort,
        "leveringsvorm": aanvraag.leveringsvorm,
        "aanbieder": aanvraag.gewenste_aanbieder,
    }


@toegang(*AANVRAAG_ROLLEN)
def aanvraag(request, pk: int):
    a = selectors.aanvraag_voor(request.user, pk)
    return render(request, "plannen/backoffice/aanvraag.html", _aanvraag_context(request, a))


def _actie(request, pk: int, form_klasse, naam: str, uitvoeren, melding: str, rollen=BACKOFFICE):
    """A POST on a request: validate, call the service, back to the request page; errors show
    on the page (status 400), never a 500. A GET goes back to the page."""
    a = selectors.aanvraag_voor(request.user, pk)
    if request.method != "POST":
        return redirect(_aanvraag_url(a.pk))
    form = form_klasse(request.POST)
    if form.is_valid():
        try:
            uitvoeren(a, form.cleaned_data)
        except ValidationError as fout:
            if not hasattr(fout, "error_dict"):
                # Not about a field: the request's state does not allow it (any more).
                messages.error(request, " ".join(fout.messages))
                return redirect(_aanvraag_url(a.pk))
            form.fouten_van_service(fout)
        else:
            messages.success(request, melding)
            return redirect(_aanvraag_url(a.pk))
    a = selectors.aanvraag_voor(request.user, pk)
    return render(
        request,
        "plannen/backoffice/aanvraag.html",
        _aanvraag_context(request, a, **{naam: form}),
        status=400,
    )


@toegang(*BACKOFFICE)
def aanvraag_besluiten(request, pk: int):
    def uitvoeren(a, data):
        besluit = data.pop("besluit")
        backoffice.besluiten(aanvraag=a, door=request.user, besluit=besluit, velden=data)

    return _actie(request, pk, BesluitForm, "besluit_form", uitvoeren, "Het besluit is vastgelegd.")


@toegang(*BACKOFFICE)
def aanvraag_meer_informatie(request, pk: int):
    def uitvoeren(a, data):
        backoffice.meer_informatie_vragen(aanvraag=a, door=request.user, vraag=data["vraag"])

    return _actie(
        request,
        pk,
        MeerInformatieForm,
        "meer_form",
        uitvoeren,
        "De vraag staat bij de consulent; de termijn is opgeschort.",
    )


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
def aanvraag_aanvullen(request, pk: int):
    def uitvoeren(a, data):
        backoffice.informatie_aanvullen(aanvraag=a, door=request.user, antwoord=data["antwoord"])

    return _actie(
        request,
        pk,
        AanvullenForm,
        "aanvul_form",
        uitvoeren,
        "De aanvulling is doorgegeven; de termijn loopt weer.",
    )


@toegang(*BACKOFFICE)
def aanvraag_behandelaar(request, pk: int):
    def uitvoeren(a, data):
        backoffice.behandelaar_toewijzen(
            aanvraag=a, door=request.user, behandelaar=data["behandelaar"]
        )

    return _actie(
        request,
        pk,
        BehandelaarForm,
        "behandelaar_form",
        uitvoeren,
        "De behandelaar is vastgelegd.",
    )


@toegang(*BACKOFFICE)
def aanvraag_opschorten(request, pk: int):
    def uitvoeren(a, data):
        backoffice.opschorten(aanvraag=a, door=request.user, van=data["van"], reden=data["reden"])

    return _actie(
        request, pk, OpschortenForm, "opschort_form", uitvoeren, "De termijn is opgeschort."
    )


@toegang(*BACKOFFICE)
def opschorting_beeindigen(request, pk: int):
    opschorting = ophalen_of_404(request.user, Opschorting.objects.all(), pk=pk)

    def uitvoeren(a, data):
        backoffice.opschorting_beeindigen(
            opschorting=opschorting, door=request.user, tot=data["tot"]
        )

    return _actie(
        request,
        opschorting.aanvraag_id,
        OpschortingBeeindigenForm,
        "einde_form",
        uitvoeren,
        "De opschorting is beëindigd; de termijn loopt weer.",
    )


@toegang(*BACKOFFICE)
def aanvraag_verdagen(request, pk: int):
    def uitvoeren(a, data):
        backoffice.verdagen(
            aanvraag=a, door=request.user, weken=data["weken"], op=data["op"], reden=data["reden"]
        )

    return _actie(
        request, pk, VerdagenForm, "verdaag_form", uitvoeren, "De beslistermijn is verdaagd."
    )


@toegang(*BACKOFFICE)
@require_POST
def beschikking_bevestigen(request, pk: int):
    b = ophalen_of_404(request.user, Beschikking.objects.all(), pk=pk)
    try:
        backoffice.bevestigen(beschikking=b, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, "Het besluit is bevestigd en definitief.")
    return redirect(_aanvraag_url(b.aanvraag_id))


@toegang(*BACKOFFICE)
def beschikking_terugsturen(request, pk: int):
    b = ophalen_of_404(request.user, Beschikking.objects.all(), pk=pk)

    def uitvoeren(a, data):
        backoffice.terugsturen(beschikking=b, door=request.user, reden=data["reden"])

    return _actie(
        request,
        b.aanvraag_id,
        TerugsturenForm,
        "terug_form",
        uitvoeren,
        "Het besluit is teruggestuurd; de aanvraag is weer open.",
    )


@toegang(*AANVRAAG_ROLLEN)
def beschikking_pdf(request, pk: int):
    """GET: the state of the letter (htmx polls it); POST: ask a worker to render it again."""
    b = ophalen_of_404(request.user, Beschikking.objects.select_related("pdf", "aanvraag"), pk=pk)
    if request.method == "POST":
        try:
            backoffice.pdf_aanvragen(beschikking=b, door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        return redirect("plannen:beschikking_pdf", pk=pk)
    pdf = getattr(b, "pdf", None)
    context = {"beschikking": b, "pdf": pdf}
    if request.htmx and not request.htmx.boosted:
        return render(request, "plannen/backoffice/_pdf_status.html", context)
    return render(request, "plannen/backoffice/pdf.html", context)


@toegang(*AANVRAAG_ROLLEN)
def beschikking_pdf_downloaden(request, pk: int):
    b = ophalen_of_404(request.user, Beschikking.objects.select_related("pdf"), pk=pk)
    pdf = getattr(b, "pdf", None)
    if pdf is None or pdf.status != PdfStatus.KLAAR or not pdf.bestand:
        messages.info(request, "De brief is nog niet klaar.")
        return redirect("plannen:beschikking_pdf", pk=pk)
    response = FileResponse(
        pdf.bestand.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"beschikking-{b.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@toegang(*AANVRAAG_ROLLEN)
def aanvraag_plan_pdf(request, pk: int):
    """The signed version's PDF that the request rests on: the one plan document the
    backoffice may open."""
    a = selectors.aanvraag_voor(request.user, pk)
    pdf = getattr(a.planversie, "pdf", None) if a.planversie_id else None
    if pdf is None or pdf.status != PdfStatus.KLAAR or not pdf.bestand:
        raise Http404
    response = FileResponse(
        pdf.bestand.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"plan-versie-{a.planversie.nummer}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@toegang(Rol.CONSULENT, Rol.TEAMLEIDER)
def aanvraag_nieuw(request, casus_id: int):
    """A consulent records a request from the case (the plan was signed on paper, say)."""
    casus = ophalen_of_404(request.user, Casus.objects.select_related("huishouden"), pk=casus_id)
    form = AanvraagForm(
        request.POST or None, casus=casus, initial={"ontvangen_op": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            a = backoffice.aanvraag_starten(
                casus=casus,
                door=request.user,
                persoon=data.pop("persoon"),
                planversie=data.pop("planversie"),
                ontvangen_op=data.pop("ontvangen_op"),
                velden=data,
            )
        except ValidationError as fout:
            form.fouten_van_service(fout)
        else:
            messages.success(request, "De aanvraag staat bij de backoffice.")
            return redirect(_aanvraag_url(a.pk))
    return render(
        request,
        "plannen/backoffice/aanvraag_nieuw.html",
        {"form": form, "casus": casus},
        status=400 if request.method == "POST" else 200,
    )
