"""Acceptance 2: every form of issue 3, given invalid input (bad BSN, future date of birth,
missing required fields, over-long text, HTML in text), answers with Dutch field errors and
never a 500; text with HTML is shown escaped."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casussen.models import Casus, Melding, Persoon, Status
from tests.factories import HuishoudenFactory, PersoonFactory

from .conftest import BSN_ONGELDIG
from .factories import KeukentafelgesprekFactory, MeldingFactory

VERPLICHT = "Dit veld is verplicht."
TE_LANG = "Zorg dat deze waarde niet meer dan"
NUL = "Null-tekens zijn niet toegestaan."
HTML = '<script>alert("x")</script><b>vet</b>'
MORGEN = (timezone.localdate() + timedelta(days=1)).isoformat()
NU = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


@dataclass
class Geval:
    url: str
    kwargs: Callable | None
    data: dict
    fouten: dict  # field (or "__all__") -> a piece of the expected Dutch message
    methode: str = "post"
    rol: str = "consulent"
    query: dict = field(default_factory=dict)


def _melding(w):
    return {"pk": MeldingFactory(team=w.team, geregistreerd_door=w.gebruikers["consulent"]).pk}


def _melding_nieuw_huishouden(w):
    m = MeldingFactory(
        team=w.team,
        geregistreerd_door=w.gebruikers["consulent"],
        huishouden=HuishoudenFactory(team=w.team),
    )
    return {"pk": m.pk}


def _huishouden(w):
    return {"pk": w.casus.huishouden_id}


def _persoon(w):
    return {"pk": PersoonFactory(huishouden=w.casus.huishouden).pk}


def _casus(w):
    return {"pk": w.casus.pk}


def _casus_met_leden(w):
    PersoonFactory(huishouden=w.casus.huishouden, voornamen="Ada")
    return {"pk": w.casus.pk}


MELDING_OK = {
    "datum": timezone.localdate().isoformat(),
    "bron": "inwoner",
    "kanaal": "telefoon",
    "vraag": "Hulp bij de administratie",
}
HUISHOUDEN_OK = {"postcode": "1234AB", "huisnummer": "5", "plaats": "Testdam"}
PERSOON_OK = {
    "voornamen": "Jan",
    "achternaam": "Jansen",
    "geboortedatum": "1980-01-01",
    "rol": "hoofdbewoner",
}

GEVALLEN = {
    # Melding
    "melding leeg": Geval(
        "casussen:melding_nieuw", None, {},
        {"datum": VERPLICHT, "bron": VERPLICHT, "kanaal": VERPLICHT, "vraag": VERPLICHT},
    ),
    "melding toekomst en te lang": Geval(
        "casussen:melding_nieuw", None,
        {**MELDING_OK, "datum": MORGEN, "vraag": "x" * 2001, "melder_naam": "y" * 101},
        {"datum": "kan niet in de toekomst liggen", "vraag": TE_LANG, "melder_naam": TE_LANG},
    ),
    "melding onzin": Geval(
        "casussen:melding_nieuw", None,
        {**MELDING_OK, "datum": "31-02-2026", "bron": "marsmannetje", "wetten": ["wet"],
         "melder_email": "geen-mail", "vraag": "a\x00b"},
        {"datum": "Voer een geldige datum in.", "bron": "Selecteer een geldige keuze",
         "wetten": "Selecteer een geldige keuze", "melder_email": "e-mailadres",
         "vraag": NUL},
    ),
    "melding professional zonder naam": Geval(
        "casussen:melding_nieuw", None, {**MELDING_OK, "bron": "huisarts"},
        {"melder_naam": "Vul de naam in van wie meldt."},
    ),
    # Household
    "huishouden leeg": Geval(
        "casussen:melding_huishouden_nieuw", _melding, {},
        {"postcode": VERPLICHT, "huisnummer": VERPLICHT, "plaats": VERPLICHT},
    ),
    "huishouden fout": Geval(
        "casussen:melding_huishouden_nieuw", _melding,
        {**HUISHOUDEN_OK, "postcode": "0123 A", "huisnummer": "0", "toevoeging": "x" * 11,
         "plaats": "p" * 81},
        {"postcode": "geldige postcode", "huisnummer": "minstens 1",
         "toevoeging": TE_LANG, "plaats": TE_LANG},
    ),
    "huishouden huisnummer te groot": Geval(
        "casussen:huishouden_bewerken", _huishouden,
        {**HUISHOUDEN_OK, "huisnummer": "99999999999999999999"},
        {"huisnummer": "hoogstens 99999"},
    ),
    "huishouden zoeken fout": Geval(
        "casussen:melding_huishouden", _melding, {}, {"postcode": "geldige postcode",
                                                      "huisnummer": "geheel getal"},
        methode="get", query={"postcode": "abc", "huisnummer": "vijf"},
    ),
    # Persons
    "persoon leeg": Geval(
        "casussen:persoon_nieuw", _huishouden, {},
        {"voornamen": VERPLICHT, "achternaam": VERPLICHT, "geboortedatum": VERPLICHT,
         "rol": VERPLICHT},
    ),
    "persoon fout bsn en toekomst": Geval(
        "casussen:persoon_nieuw", _huishouden,
        {**PERSOON_OK, "bsn": BSN_ONGELDIG, "geboortedatum": MORGEN, "email": "x@",
         "achternaam": "a" * 101},
        {"bsn": "elfproef", "geboortedatum": "kan niet in de toekomst liggen",
         "email": "e-mailadres", "achternaam": TE_LANG},
    ),
    "persoon bsn letters": Geval(
        "casussen:persoon_nieuw", _huishouden, {**PERSOON_OK, "bsn": "12345678a"},
        {"bsn": "alleen uit cijfers"},
    ),
    "persoon bsn te kort": Geval(
        "casussen:persoon_bewerken", _persoon, {**PERSOON_OK, "bsn": "1234"},
        {"bsn": "elfproef"},
    ),
    "persoon 1850": Geval(
        "casussen:persoon_bewerken", _persoon, {**PERSOON_OK, "geboortedatum": "1850-01-01"},
        {"geboortedatum": "voor 1900"},
    ),
    # Triage
    "triage leeg": Geval("casussen:melding_triage", _melding, {}, {"uitkomst": VERPLICHT}),
    "triage voorliggend zonder wie": Geval(
        "casussen:melding_triage", _melding, {"uitkomst": "voorliggend_veld"},
        {"doorverwezen_naar": "Vul in naar wie"},
    ),
    "triage advies zonder toelichting": Geval(
        "casussen:melding_triage", _melding, {"uitkomst": "advies", "toelichting": "t" * 2001},
        {"toelichting": TE_LANG},
    ),
    "triage casus zonder huishouden": Geval(
        "casussen:melding_triage", _melding, {"uitkomst": "casus"},
        {"__all__": "Koppel eerst een huishouden"},
    ),
    "triage casus zonder regisseur": Geval(
        "casussen:melding_triage", _melding_nieuw_huishouden, {"uitkomst": "casus"},
        {"regisseur": "Kies een regisseur."},
    ),
    "triage onbekende regisseur": Geval(
        "casussen:melding_triage", _melding, {"uitkomst": "casus", "regisseur": "999999"},
        {"regisseur": "Selecteer een geldige keuze"},
    ),
    # Status
    "status leeg": Geval(
        "casussen:casus_status", _casus, {}, {"naar": VERPLICHT, "reden": VERPLICHT}
    ),
    "status ongeldig": Geval(
        "casussen:casus_status", _casus, {"naar": "afgesloten", "reden": "r" * 1001},
        {"naar": "geen toegestane stap", "reden": TE_LANG},
    ),
    # Regie
    "regie leeg": Geval(
        "casussen:casus_regie", _casus, {}, {"regisseur": VERPLICHT, "reden": VERPLICHT},
        rol="teamleider",
    ),
    # Contactmoment
    "contactmoment leeg": Geval(
        "casussen:contactmoment_nieuw", _casus, {},
        {"op": VERPLICHT, "wijze": VERPLICHT, "met_wie": VERPLICHT, "samenvatting": VERPLICHT},
    ),
    "contactmoment fout": Geval(
        "casussen:contactmoment_nieuw", _casus,
        {"op": (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
         "wijze": "duif", "met_wie": "m" * 151, "samenvatting": "s" * 4001},
        {"op": "toekomst", "wijze": "Selecteer een geldige keuze", "met_wie": TE_LANG,
         "samenvatting": TE_LANG},
    ),
    # Keukentafelgesprek and ZRM: step one (domains) and step two
    "gesprek zonder leefgebied": Geval(
        "casussen:keukentafelgesprek_nieuw", _casus_met_leden, {},
        {"domeinen": "Kies minstens één leefgebied."},
    ),
    "gesprek onbekend leefgebied": Geval(
        "casussen:keukentafelgesprek_nieuw", _casus_met_leden, {},
        {"domeinen": "Selecteer een geldige keuze"}, methode="get",
        query={"domeinen": ["999999"]},
    ),
    "zrm zonder soort": Geval(
        "casussen:zrm_nieuw", _casus_met_leden, {},
        {"domeinen": "Kies minstens één leefgebied."},
    ),
    # Search
    "zoeken leeg": Geval(
        "casussen:zoeken", None, {}, {"__all__": "Vul minstens één zoekveld in."},
        methode="get", query={"naam": ""},
    ),
    "zoeken fout": Geval(
        "casussen:zoeken", None, {},
        {"bsn": "alleen uit cijfers", "geboortedatum": "Voer een geldige datum in.",
         "casusnummer": "C-000123", "huisnummer": "geheel getal"},
        methode="get",
        query={"bsn": "abc", "geboortedatum": "gisteren", "casusnummer": "X12",
               "huisnummer": "een"},
    ),
    "zoeken huisnummer zonder postcode": Geval(
        "casussen:zoeken", None, {}, {"postcode": "ook de postcode"}, methode="get",
        query={"huisnummer": "12"},
    ),
    "zoeken nul-teken": Geval(
        "casussen:zoeken", None, {}, {"naam": NUL}, methode="get", query={"naam": "a\x00b"},
    ),
    # Caseload filters
    "caseload filter onzin": Geval(
        "casussen:caseload", None, {}, {"status": "Selecteer een geldige keuze"},
        methode="get", query={"status": "weg", "klok": "paars", "sorteer": "x"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("naam", sorted(GEVALLEN))
def test_ongeldige_invoer_geeft_nederlandse_veldfouten(wereld, naam):
    geval = GEVALLEN[naam]
    client = wereld.client(geval.rol)
    url = reverse(geval.url, kwargs=geval.kwargs(wereld) if geval.kwargs else None)
    voor = (Melding.objects.count(), Persoon.objects.count(), Casus.objects.count())
    if geval.methode == "get":
        response = client.get(url, geval.query)
    else:
        response = client.post(url, geval.data)
    assert response.status_code == 200
    form = _formulier(response)
    assert form is not None and form.errors, "het formulier toont geen fouten"
    for veld, stuk in geval.fouten.items():
        fouten = " ".join(form.errors.get(veld, []))
        assert stuk in fouten, f"{veld}: verwacht '{stuk}', kreeg {form.errors.as_data()}"
        assert stuk in response.content.decode() or "&" in stuk or "'" in fouten
    assert voor == (Melding.objects.count(), Persoon.objects.count(), Casus.objects.count())
    assert 'role="alert"' in response.content.decode()


def _formulier(response):
    for sleutel in ("form", "keuze"):
        form = response.context.get(sleutel)
        if form is not None and form.errors:
            return form
    f = response.context.get("filter")
    return f.form if f is not None else response.context.get("form")


def test_zrm_stap_twee_vraagt_score_of_reden(wereld, domeinen):
    kwargs = _casus_met_leden(wereld)
    persoon = wereld.casus.huishouden.leden.get()
    d1, d2 = domeinen[:2]
    client = wereld.client("consulent")
    response = client.post(
        reverse("casussen:zrm_nieuw", kwargs=kwargs),
        {
            "domeinen": [d1.pk, d2.pk],
            "datum": MORGEN,
            f"score_{d1.pk}_{persoon.pk}": "n",
            f"score_{d2.pk}_{persoon.pk}": "7",
        },
    )
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert "toekomst" in fouten["datum"][0]
    assert fouten["soort"] == [VERPLICHT]
    assert fouten[f"reden_{d1.pk}_{persoon.pk}"] == ["Geef een reden waarom niet gescoord is."]
    assert "Selecteer een geldige keuze" in fouten[f"score_{d2.pk}_{persoon.pk}"][0]


def test_keukentafelgesprek_stap_twee_fouten(wereld, domeinen):
    kwargs = _casus_met_leden(wereld)
    persoon = wereld.casus.huishouden.leden.get()
    d1 = domeinen[0]
    response = wereld.client("consulent").post(
        reverse("casussen:keukentafelgesprek_nieuw", kwargs=kwargs),
        {"domeinen": [d1.pk], "datum": "", "verslag": "v" * 5001, f"zorgen_{d1.pk}": "z" * 2001},
    )
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert fouten["datum"] == [VERPLICHT]
    assert fouten["plaats"] == [VERPLICHT]
    assert TE_LANG in fouten["verslag"][0]
    assert TE_LANG in fouten[f"zorgen_{d1.pk}"][0]
    assert fouten[f"score_{d1.pk}_{persoon.pk}"] == ["Kies een score of 'niet gescoord'."]


# --- HTML in text is shown escaped ----------------------------------------------------------


def _niet_uitgevoerd(html: str):
    assert "<script>alert" not in html
    assert "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in html


def test_html_in_melding_en_triage_wordt_geescaped(wereld):
    client = wereld.client("consulent")
    client.post(
        reverse("casussen:melding_nieuw"),
        {**MELDING_OK, "vraag": HTML, "bron": "school", "melder_naam": HTML},
    )
    melding = Melding.objects.get()
    assert melding.vraag == HTML  # stored as given, escaped on output
    _niet_uitgevoerd(client.get(reverse("casussen:melding", args=[melding.pk])).content.decode())
    assert "<script>alert" not in client.get(reverse("casussen:meldingen")).content.decode()
    client.post(
        reverse("casussen:melding_triage", args=[melding.pk]),
        {"uitkomst": "voorliggend_veld", "doorverwezen_naar": HTML},
    )
    _niet_uitgevoerd(client.get(reverse("casussen:melding", args=[melding.pk])).content.decode())


def test_html_in_persoon_huishouden_en_casus_wordt_geescaped(wereld, domeinen):
    client = wereld.client("consulent")
    h = wereld.casus.huishouden
    client.post(
        reverse("casussen:huishouden_bewerken", args=[h.pk]),
        {**HUISHOUDEN_OK, "straat": HTML[:100], "plaats": "Testdam"},
    )
    client.post(
        reverse("casussen:persoon_nieuw", args=[h.pk]),
        {**PERSOON_OK, "voornamen": HTML, "huisarts": HTML},
    )
    persoon = Persoon.objects.get()
    assert persoon.voornamen == HTML
    _niet_uitgevoerd(client.get(reverse("casussen:persoon", args=[persoon.pk])).content.decode())
    _niet_uitgevoerd(client.get(reverse("casussen:huishouden", args=[h.pk])).content.decode())
    client.post(
        reverse("casussen:contactmoment_nieuw", args=[wereld.casus.pk]),
        {"op": NU, "wijze": "telefoon", "met_wie": HTML, "samenvatting": HTML},
    )
    client.post(
        reverse("casussen:casus_status", args=[wereld.casus.pk]),
        {"naar": Status.VRAAGVERHELDERING, "reden": HTML},
    )
    _niet_uitgevoerd(client.get(reverse("casussen:casus", args=[wereld.casus.pk])).content.decode())
    _niet_uitgevoerd(
        client.get(reverse("casussen:contactmomenten", args=[wereld.casus.pk])).content.decode()
    )
    response = client.get(reverse("casussen:zoeken"), {"naam": HTML[:100]})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_html_in_keukentafelgesprek_wordt_geescaped(wereld, domeinen):
    gesprek = KeukentafelgesprekFactory(
        casus=wereld.casus, verslag=HTML, netwerk=HTML, plaats=HTML, overige_aanwezigen=HTML
    )
    gesprek.leefgebieden.create(domein=domeinen[0], zorgen=HTML, krachten=HTML)
    client = wereld.client("consulent")
    _niet_uitgevoerd(
        client.get(reverse("casussen:keukentafelgesprek", args=[gesprek.pk])).content.decode()
    )
    _niet_uitgevoerd(client.get(reverse("casussen:casus", args=[wereld.casus.pk])).content.decode())
