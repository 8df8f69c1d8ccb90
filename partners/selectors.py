"""Reads of `partners`. Every page loads with a fixed number of queries, whatever the number of
referrals, organisations, consents or actions (select_related / prefetch, no lazy loads in
loops). Access is always decided in the database: team scoping or the partner's grant and
valid consent (toegang.selectors.partner_huishoudens)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from casussen.models import Casus, Huishouden, Persoon, ZrmMeting
from casussen.selectors import gelijkgestelde_dagen, zrm_tabel
from casussen.termijnen import is_rustdag
from toegang.models import Doel, Onderdeel, Toestemming
from toegang.policy import ophalen_of_404
from toegang.selectors import gedekte_onderdelen, partner_huishoudens

from .models import (
    OPEN_EERST,
    Actiemelding,
    Organisatie,
    Verwijzing,
    Verwijzingsovergang,
    Verwijzingstatus,
    Voortgangsnotitie,
)

# --- Working days -------------------------------------------------------------------------------


def werkdagen_verstreken(sinds: date, vandaag: date, gelijkgesteld=frozenset()) -> int:
    """Whole working days between `sinds` and `vandaag`, both excluded."""
    dag, geteld = sinds + timedelta(days=1), 0
    while dag < vandaag:
        if not is_rustdag(dag, gelijkgesteld):
            geteld += 1
        dag += timedelta(days=1)
    return geteld


# --- Social map ---------------------------------------------------------------------------------


def _unieke(kolom: str) -> list[str]:
    from django.db import connection

    tabel = Organisatie._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT unnest({kolom}) AS w FROM {tabel} WHERE actief ORDER BY w"  # noqa: S608
        )
        return [rij[0] for rij in cursor.fetchall()]


def diensten() -> list[str]:
    return _unieke("diensten")


def wijken() -> list[str]:
    return _unieke("wijken")


def organisatie(pk: int) -> Organisatie:
    organisatie = Organisatie.objects.actief().filter(pk=pk).first()
    if organisatie is None:
        raise Http404
    return organisatie


# --- Partner side -------------------------------------------------------------------------------


def inbox(user):
    """The organisation's referrals this partner may see now: open ones first, newest first."""
    return (
        Verwijzing.objects.voor_partner(user)
        .select_related("organisatie", "casus")
        .order_by(OPEN_EERST, "-verstuurd_op", "-id")
    )


def _geweigerd(user, queryset, pk: int):
    """A partner's refused attempt on a record that exists is logged too (NEN 7513)."""
    from toegang.models import LogResultaat
    from toegang.services import log_toegang

    bestaand = queryset.filter(pk=pk).first()
    if bestaand is not None:
        log_toegang(gebruiker=user, object=bestaand, resultaat=LogResultaat.GEWEIGERD)
    raise Http404


def partner_verwijzing(user, pk: int) -> Verwijzing:
    verwijzing = (
        Verwijzing.objects.voor_partner(user)
        .select_related("organisatie", "casus__huishouden", "toestemming")
        .prefetch_related(
            Prefetch("notities", queryset=Voortgangsnotitie.objects.select_related("door")),
            Prefetch("overgangen", queryset=Verwijzingsovergang.objects.select_related("door")),
        )
        .filter(pk=pk)
        .first()
    )
    if verwijzing is None:
        _geweigerd(user, Verwijzing.objects.select_related("casus"), pk)
    return verwijzing


def _huidige_versie(huishouden_id: int):
    from plannen.models import Planversie

    return (
        Planversie.objects.filter(plan__huishouden_id=huishouden_id)
        .select_related("plan")
        .order_by("-nummer")
        .first()
    )


def _acties(planversie, **filters):
    from plannen.models import Actie

    if planversie is None:
        return []
    return list(
        Actie.objects.filter(doel__planversie=planversie, **filters)
        .select_related("doel__domein", "organisatie", "persoon", "medewerker")
        .order_by("doel__volgorde", "doel_id", "wanneer", "volgorde", "id")
    )


def laatste_actiemeldingen(sleutels) -> dict:
    """The newest partner report per action key (one query, DISTINCT ON)."""
    sleutels = list(sleutels)
    if not sleutels:
        return {}
    rijen = (
        Actiemelding.objects.filter(actie_sleutel__in=sleutels)
        .select_related("organisatie", "door")
        .order_by("actie_sleutel", "-op", "-id")
        .distinct("actie_sleutel")
    )
    return {rij.actie_sleutel: rij for rij in rijen}


@dataclass
class ActieRij:
    actie: object
    melding: Actiemelding | None

    @property
    def status(self) -> str:
        return self.melding.status if self.melding else self.actie.status

    @property
    def status_label(self) -> str:
        return (
            self.melding.get_status_display() if self.melding else self.actie.get_status_display()
        )


def _actierijen(acties) -> list[ActieRij]:
    meldingen = laatste_actiemeldingen(a.sleutel for a in acties)
    return [ActieRij(a, meldingen.get(a.sleutel)) for a in acties]


@dataclass
class PartnerHuishouden:
    huishouden: Huishouden
    verwijzingen: list
    onderdelen: set
    leden: list = field(default_factory=list)
    planversie: object = None
    doelen: list = field(default_factory=list)
    acties: list = field(default_factory=list)
    zrm: dict | None = None

    @property
    def onderdelen_labels(self) -> list[str]:
        return [o.label for o in Onderdeel if o in self.onderdelen]


def partner_huishouden(user, huishouden_id: int) -> PartnerHuishouden:
    """What a partner may see of a household: only the parts the valid consents to its
    organisation name. Journals and intake accounts are never part of it."""
    huishouden = Huishouden.objects.filter(partner_huishoudens(user), pk=huishouden_id).first()
    if huishouden is None:
        _geweigerd(user, Huishouden.objects.all(), huishouden_id)
    groep_ids = list(user.groups.values_list("pk", flat=True))
    onderdelen = gedekte_onderdelen(groep_ids=groep_ids, huishouden_id=huishouden.pk)
    verwijzingen = list(
        inbox(user).filter(casus__huishouden_id=huishouden.pk).select_related("casus")
    )
    gegevens = PartnerHuishouden(huishouden, verwijzingen, onderdelen)
    if Onderdeel.PERSONALIA in onderdelen:
        gegevens.leden = list(
            Persoon.objects.filter(huishouden=huishouden)
            .only("voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "rol",
                  "telefoon", "email", "is_contactpersoon", "huishouden_id")
            .order_by("geboortedatum", "id")
        )  # fmt: skip
    if Onderdeel.PLAN in onderdelen or Onderdeel.ACTIES_PARTNER in onderdelen:
        gegevens.planversie = _huidige_versie(huishouden.pk)
    if Onderdeel.PLAN in onderdelen and gegevens.planversie is not None:
        from plannen.models import Doel as PlanDoel

        gegevens.doelen = list(
            PlanDoel.objects.filter(planversie=gegevens.planversie)
            .select_related("domein")
            .prefetch_related("acties__organisatie", "acties__persoon", "acties__medewerker")
        )
    if Onderdeel.ACTIES_PARTNER in onderdelen:
        organisatie_ids = list(
            Organisatie.objects.filter(groep_id__in=groep_ids).values_list("pk", flat=True)
        )
        gegevens.acties = _actierijen(
            _acties(gegevens.planversie, organisatie_id__in=organisatie_ids)
        )
    if Onderdeel.ZRM in onderdelen:
        casus_ids = {v.casus_id for v in verwijzingen}
        meting = (
            ZrmMeting.objects.filter(casus_id__in=casus_ids, scores__isnull=False)
            .order_by("-datum", "-id")
            .first()
        )
        gegevens.zrm = zrm_tabel(meting)
        if gegevens.zrm is not None:
            gegevens.zrm["meting"] = meting
    return gegevens


def partner_acties(verwijzing: Verwijzing) -> list[ActieRij]:
    """The actions of the current plan version assigned to the referral's organisation."""
    versie = _huidige_versie(verwijzing.casus.huishouden_id)
    return _actierijen(_acties(versie, organisatie_id=verwijzing.organisatie_id))


# --- Team side ----------------------------------------------------------------------------------


def team_verwijzing(user, pk: int) -> Verwijzing:
    return ophalen_of_404(
        user,
        Verwijzing.objects.select_related(
            "organisatie", "casus__huishouden", "toestemming__persoon", "verstuurd_door"
        ).prefetch_related(
            Prefetch("notities", queryset=Voortgangsnotitie.objects.select_related("door")),
            Prefetch("overgangen", queryset=Verwijzingsovergang.objects.select_related("door")),
            "acties",
        ),
        pk=pk,
    )


def verwijzingen_van_casus(casus: Casus) -> list[Verwijzing]:
    return list(
        Verwijzing.objects.filter(casus=casus)
        .select_related("organisatie")
        .order_by("-verstuurd_op", "-id")
    )


@dataclass
class Toestemmingstand:
    """Consent to share with one organisation, as the team reads it at a glance."""

    status: str  # geldig / ingetrokken / verlopen / geen
    tot: date | None = None
    ingetrokken_op: datetime | None = None

    @property
    def tekst(self) -> str:
        if self.status == "geldig":
            return f"Geldig tot {self.tot:%d-%m-%Y}" if self.tot else "Geldig tot intrekking"
        if self.status == "ingetrokken":
            return f"Ingetrokken op {timezone.localtime(self.ingetrokken_op):%d-%m-%Y}"
        if self.status == "verlopen":
            return f"Verlopen op {self.tot:%d-%m-%Y}"
        return "Geen toestemming"


def _toestemmingstand(toestemmingen: list[Toestemming], vandaag: date) -> Toestemmingstand:
    geldig = [
        t
        for t in toestemmingen
        if t.ingetrokken_op is None
        and t.geldig_van <= vandaag
        and (t.geldig_tot is None or t.geldig_tot >= vandaag)
    ]
    if geldig:
        if any(t.geldig_tot is None for t in geldig):
            return Toestemmingstand("geldig")
        return Toestemmingstand("geldig", tot=max(t.geldig_tot for t in geldig))
    ingetrokken = [t for t in toestemmingen if t.ingetrokken_op]
    if ingetrokken:
        return Toestemmingstand(
            "ingetrokken", ingetrokken_op=max(t.ingetrokken_op for t in ingetrokken)
        )
    verlopen = [t for t in toestemmingen if t.geldig_tot and t.geldig_tot < vandaag]
    if verlopen:
        return Toestemmingstand("verlopen", tot=max(t.geldig_tot for t in verlopen))
    return Toestemmingstand("geen")


@dataclass
class BetrokkenOrganisatie:
    organisatie: Organisatie
    verwijzingen: list = field(default_factory=list)
    acties: list = field(default_factory=list)
    toestemming: Toestemmingstand = field(default_factory=lambda: Toestemmingstand("geen"))

    @property
    def open_verwijzingen(self):
        return [v for v in self.verwijzingen if v.is_open]


def betrokken(user, huishouden_id: int) -> dict:
    """Everyone involved with a household "in één oogopslag": the regisseur and backup of each
    case, every organisation (referred, named in the plan or holding consent) with its open
    referrals, their status and age, the consent status, and the people named in the plan.
    A fixed number of queries."""
    huishouden = ophalen_of_404(user, Huishouden.objects.select_related("team"), pk=huishouden_id)
    vandaag = timezone.localdate()
    gelijkgesteld = gelijkgestelde_dagen()
    casussen = list(
        Casus.objects.filter(huishouden=huishouden)
        .select_related("regisseur", "backup")
        .order_by(Coalesce("gesloten_op", Value(date.max)).desc(), "-geopend_op", "-id")
    )
    leden = list(Persoon.objects.filter(huishouden=huishouden).order_by("geboortedatum", "id"))
    verwijzingen = list(
        Verwijzing.objects.filter(casus__huishouden=huishouden)
        .select_related("organisatie", "casus")
        .order_by("-verstuurd_op", "-id")
    )
    toestemmingen = list(
        Toestemming.objects.filter(
            doel=Doel.DELEN, persoon__huishouden=huishouden, ontvanger__organisatie__isnull=False
        ).select_related("ontvanger__organisatie")
    )
    versie = _huidige_versie(huishouden.pk)
    acties = _actierijen(_acties(versie))

    organisaties: dict[int, BetrokkenOrganisatie] = {}

    def bij(org: Organisatie) -> BetrokkenOrganisatie:
        return organisaties.setdefault(org.pk, BetrokkenOrganisatie(org))

    for v in verwijzingen:
        v.werkdagen_wachten = (
            werkdagen_verstreken(timezone.localdate(v.verstuurd_op), vandaag, gelijkgesteld)
            if v.status == Verwijzingstatus.VERSTUURD
            else None
        )
        bij(v.organisatie).verwijzingen.append(v)
    for rij in acties:
        if rij.actie.organisatie_id:
            bij(rij.actie.organisatie).acties.append(rij)
    per_groep: dict[int, list] = {}
    for t in toestemmingen:
        per_groep.setdefault(t.ontvanger_id, []).append(t)
        bij(t.ontvanger.organisatie)
    for item in organisaties.values():
        item.toestemming = _toestemmingstand(per_groep.get(item.organisatie.groep_id, []), vandaag)

    personen = [rij for rij in acties if not rij.actie.organisatie_id]
    return {
        "huishouden": huishouden,
        "casussen": casussen,
        "leden": leden,
        "organisaties": sorted(
            organisaties.values(),
            key=lambda o: (not o.open_verwijzingen, o.organisatie.naam.lower()),
        ),
        "open_verwijzingen": [v for v in verwijzingen if v.is_open],
        "personen_in_plan": personen,
        "planversie": versie,
        "vandaag": vandaag,
    }


def acties_voor_verwijzing(huishouden_id: int):
    """The actions of the household's current plan version, to pick from when referring."""
    from plannen.models import Actie

    versie = _huidige_versie(huishouden_id)
    if versie is None:
        return Actie.objects.none()
    return (
        Actie.objects.filter(doel__planversie=versie)
        .select_related("organisatie", "persoon", "medewerker")
        .order_by("doel__volgorde", "wanneer", "volgorde", "id")
    )
