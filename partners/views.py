"""Thin views: the role check (`@toegang`), scoping in the selectors, a form, a service call.

Team pages (consulent, teamleider): the social map, referring a case, a referral, Betrokken.
Partner pages (partner): the inbox, a referral, the household as far as consent reaches.
Every partner view of a household or referral writes an access-log row.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from casussen import selectors as casus_selectors
from toegang.models import LogActie, Rol
from toegang.policy import toegang
from toegang.services import log_toegang
from wijkteam import paginering

from . import selectors, services
from .filters import SocialeKaartFilter
from .forms import (
    ActiestatusForm,
    AfrondenForm,
    AfwijzenForm,
    NotitieForm,
    VerwijzingForm,
)
from .models import Organisatie, Verwijzingstatus

TEAM = (Rol.CONSULENT, Rol.TEAMLEIDER)
GET_POST = require_http_methods(["GET", "POST"])
VERWERKING = "verwijzing naar partnerorganisatie"


def _fouten_op_formulier(form, fout: ValidationError) -> None:
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


# --- Social map ---------------------------------------------------------------------------------


@toegang(*TEAM)
def sociale_kaart(request):
    filterset = SocialeKaartFilter(request.GET or None, queryset=Organisatie.objects.actief())
    qs = filterset.qs if filterset.is_valid() else Organisatie.objects.none()
    return render(
        request,
        "partners/sociale_kaart.html",
        {
            "filter": filterset,
            "pagina": paginering.pagina(request, qs.order_by("naam")),
            "casus_id": _casus_param(request),
        },
    )


def _casus_param(request) -> int | None:
    waarde = request.GET.get("casus", "")
    return int(waarde) if waarde.isdigit() else None


@toegang(*TEAM)
def organisatie(request, pk: int):
    return render(
        request,
        "partners/organisatie.html",
        {"organisatie": selectors.organisatie(pk), "casus_id": _casus_param(request)},
    )


# --- Referring (team) ---------------------------------------------------------------------------


@toegang(*TEAM)
@GET_POST
def verwijzing_nieuw(request, casus_id: int):
    casus = casus_selectors.casus(request.user, casus_id)
    acties = selectors.acties_voor_verwijzing(casus.huishouden_id)
    initial = {}
    if request.GET.get("organisatie", "").isdigit():
        initial["organisatie"] = int(request.GET["organisatie"])
    form = VerwijzingForm(
        request.POST or None, initial=initial, huishouden=casus.huishouden, acties=acties
    )
    geen_toestemming = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            verwijzing = services.verwijzen(
                door=request.user,
                casus=casus,
                organisatie=data["organisatie"],
                vraag=data["vraag"],
                acties=data.get("acties") or (),
                toestemming=data.get("toestemming"),
            )
        except services.GeenToestemming as fout:
            geen_toestemming = fout.organisatie
            form.add_error(None, fout)
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(
                request,
                f"Verwijzing {verwijzing.nummer} is verstuurd naar {verwijzing.organisatie.naam}.",
            )
            return redirect("partners:verwijzing", pk=verwijzing.pk)
    return render(
        request,
        "partners/verwijzing_nieuw.html",
        {"form": form, "casus": casus, "geen_toestemming": geen_toestemming},
    )


@toegang(*TEAM)
def verwijzing(request, pk: int):
    verwijzing = selectors.team_verwijzing(request.user, pk)
    return render(
        request,
        "partners/verwijzing.html",
        {"verwijzing": verwijzing, "acties": selectors.partner_acties(verwijzing)},
    )


@toegang(*TEAM)
def betrokken(request, huishouden_id: int):
    context = selectors.betrokken(request.user, huishouden_id)
    return render(request, "partners/betrokken.html", context)


# --- Partner ------------------------------------------------------------------------------------


@toegang(Rol.PARTNER)
def inbox(request):
    status = request.GET.get("status", "")
    qs = selectors.inbox(request.user)
    if status in Verwijzingstatus.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "partners/inbox.html",
        {
            "pagina": paginering.pagina(request, qs, paginator=paginering.PaginatorZonderTotaal),
            "statussen": Verwijzingstatus.choices,
            "gekozen": status,
        },
    )


def _partner_pagina(request, verwijzing, **extra):
    log_toegang(
        gebruiker=request.user,
        object=verwijzing,
        request=request,
        verwerkingsactiviteit=VERWERKING,
    )
    context = {
        "verwijzing": verwijzing,
        "acties": selectors.partner_acties(verwijzing),
        "notitie_form": NotitieForm(),
        "actie_form": ActiestatusForm(),
        "afwijzen_form": AfwijzenForm(),
        "afronden_form": AfrondenForm(),
        **extra,
    }
    return render(request, "partners/inbox_verwijzing.html", context)


@toegang(Rol.PARTNER)
def inbox_verwijzing(request, pk: int):
    return _partner_pagina(request, selectors.partner_verwijzing(request.user, pk))


FORMULIEREN = {
    Verwijzingstatus.AFGEWEZEN: ("afwijzen_form", AfwijzenForm),
    Verwijzingstatus.AFGEROND: ("afronden_form", AfrondenForm),
}


@toegang(Rol.PARTNER)
@GET_POST
def inbox_status(request, pk: int):
    verwijzing = selectors.partner_verwijzing(request.user, pk)
    terug = reverse("partners:inbox_verwijzing", args=[verwijzing.pk])
    if request.method == "GET":
        return redirect(terug)
    naar = request.POST.get("naar", "")
    naam, form_klasse = FORMULIEREN.get(naar, (None, None))
    form = form_klasse(request.POST) if form_klasse else None
    if form is not None and not form.is_valid():
        return _partner_pagina(request, verwijzing, **{naam: form, "open_formulier": naar})
    try:
        services.status_wijzigen(
            door=request.user,
            verwijzing=verwijzing,
            naar=naar,
            toelichting=form.cleaned_data["toelichting"] if form else "",
        )
    except ValidationError as fout:
        if form is not None:
            _fouten_op_formulier(form, fout)
            return _partner_pagina(request, verwijzing, **{naam: form, "open_formulier": naar})
        messages.error(request, " ".join(fout.messages))
        return redirect(terug)
    messages.success(
        request, f"Verwijzing {verwijzing.nummer}: {Verwijzingstatus(naar).label.lower()}."
    )
    if naar in (Verwijzingstatus.AFGEWEZEN, Verwijzingstatus.AFGEROND):
        return redirect("partners:inbox")
    return redirect(terug)


@toegang(Rol.PARTNER)
@require_POST
def inbox_notitie(request, pk: int):
    verwijzing = selectors.partner_verwijzing(request.user, pk)
    form = NotitieForm(request.POST)
    if form.is_valid():
        try:
            services.notitie_plaatsen(
                door=request.user, verwijzing=verwijzing, tekst=form.cleaned_data["tekst"]
            )
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, "De voortgang is vastgelegd.")
            return redirect("partners:inbox_verwijzing", pk=verwijzing.pk)
    return _partner_pagina(request, verwijzing, notitie_form=form)


@toegang(Rol.PARTNER)
@require_POST
def inbox_actie(request, pk: int, actie_id: int):
    verwijzing = selectors.partner_verwijzing(request.user, pk)
    rij = next((r for r in selectors.partner_acties(verwijzing) if r.actie.pk == actie_id), None)
    if rij is None:
        from django.http import Http404

        raise Http404
    form = ActiestatusForm(request.POST)
    if form.is_valid():
        try:
            services.actiestatus_melden(
                door=request.user,
                verwijzing=verwijzing,
                actie=rij.actie,
                status=form.cleaned_data["status"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as fout:
            _fouten_op_formulier(form, fout)
        else:
            messages.success(request, f"De status van ‘{rij.actie.wat[:60]}’ is bijgewerkt.")
            return redirect("partners:inbox_verwijzing", pk=verwijzing.pk)
    return _partner_pagina(request, verwijzing, actie_form=form, actie_fout=actie_id)


@toegang(Rol.PARTNER)
def partner_huishouden(request, huishouden_id: int):
    gegevens = selectors.partner_huishouden(request.user, huishouden_id)
    log_toegang(
        gebruiker=request.user,
        object=gegevens.huishouden,
        actie=LogActie.BEKIJKEN,
        request=request,
        verwerkingsactiviteit=VERWERKING,
    )
    return render(request, "partners/partner_huishouden.html", {"g": gegevens})
