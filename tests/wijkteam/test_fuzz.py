"""Every form gets generated bad input (issue 11, acceptance 3): over-long text, control
characters, wrong types, dates out of range, HTML and script. Never a 500, never stored
unescaped, and what was saved before stays intact.

FORMULIEREN names every form a user can submit, with the URL it is posted to, the role that
posts it and where the page shows it. The strategy per field is derived from the form the page
really renders (dynamic fields included): mostly valid values with a few fields broken, so that
accepted input (and its escaping on the next page) is fuzzed as well as refused input.
`test_elk_formulier_wordt_gefuzzd` fails when a form of the project is in neither table.
"""

import contextlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import import_module
from urllib.parse import urlencode

import django_filters
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse
from django_filters.fields import RangeField
from hypothesis import HealthCheck, event, given
from hypothesis import settings as instellingen
from hypothesis import strategies as st

from casussen import forms as cf
from casussen.filters import CasusFilter, TeamCasusFilter
from casussen.models import Domein, Huishouden, Persoon
from casussen.stuurinformatie import FilterForm
from partners import forms as pf
from partners.admin import OrganisatieForm
from partners.filters import SocialeKaartFilter
from plannen import forms as plf
from plannen.models import Actie, Doel, Planversie
from tests.conftest import Wereld
from tests.plannen.helpers import data_url, handtekening_png, matrix_backoffice
from tests.toegang.test_matrix import MATRIX, _bo, _verwijzing
from toegang import forms as tf
from toegang.filters import ToegangslogFilter
from wijkteam.formulieren import VeiligeInvoer

PROJECT = ("wijkteam", "casussen", "plannen", "partners", "toegang")
VOORBEELDEN = 200
SCRIPT = "<script>alert(1)</script>"


@dataclass(frozen=True)
class Formulier:
    klasse: type
    rol: str = "consulent"
    url: str = ""  # the URL name, when the table key is not one
    methode: str = "post"
    kwargs: Callable[[Wereld], dict] | None = None  # default: the authorization matrix's builder
    pagina: Callable[[Wereld], str] | None = None  # the page that shows the form, if elsewhere
    naam: str = "form"  # the form's name in that page's context
    vast: Callable[[Wereld], dict] | None = None  # POST data the view needs besides the form
    bewaard: type | None = None  # edit form: the model whose saved row must survive a refusal
    velden: dict = field(default_factory=dict)  # field -> extra valid values


def _aanvraagpagina(deel="aanvraag"):
    def pagina(w):
        obj = matrix_backoffice(w)[deel]
        return reverse("plannen:aanvraag", kwargs={"pk": getattr(obj, "aanvraag_id", obj.pk)})

    return pagina


def _inboxpagina(w):
    return reverse("partners:inbox_verwijzing", kwargs={"pk": _verwijzing(w)})


def _domeinen(w) -> list[int]:
    w.persoon  # noqa: B018 - a member to score
    return list(
        Domein.objects.filter(actief=True).order_by("volgorde").values_list("pk", flat=True)
    )[:2]


def _zrm_pagina(url):
    def pagina(w):
        query = urlencode({"domeinen": _domeinen(w)}, doseq=True)
        return f"{reverse(url, kwargs={'pk': w.casus.pk})}?{query}"

    return pagina


def _zrm_vast(w):
    return {"domeinen": _domeinen(w)}


def _half_ingelogd(w) -> Client:
    """Password given, second factor not yet."""
    client = Client()
    client.force_login(w.gebruikers["consulent"])
    return client


ADRES = {"postcode": ["1234 AB", "9999zz"], "huisnummer": ["12"]}
PERSOON = {"bsn": ["", "111222333"], "email": ["inwoner@example.nl"], "telefoon": ["0612345678"]}
HANDTEKENING = {"handtekening": [data_url(handtekening_png())]}
BACKOFFICE = {"rol": "backoffice", "kwargs": _bo, "pagina": _aanvraagpagina()}

FORMULIEREN: dict[str, Formulier] = {
    # casussen
    "casussen:melding_nieuw": Formulier(cf.MeldingForm, velden={"melder_email": ["a@b.nl"]}),
    "casussen:melding_huishouden_nieuw": Formulier(cf.HuishoudenForm, velden=ADRES),
    "casussen:melding_huishouden": Formulier(cf.KoppelHuishoudenForm, methode="get", velden=ADRES),
    "casussen:melding_triage": Formulier(cf.TriageForm),
    "casussen:huishouden_bewerken": Formulier(cf.HuishoudenForm, bewaard=Huishouden, velden=ADRES),
    "casussen:persoon_nieuw": Formulier(cf.PersoonForm, velden=PERSOON),
    "casussen:persoon_bewerken": Formulier(cf.PersoonForm, bewaard=Persoon, velden=PERSOON),
    "casussen:casus_status": Formulier(cf.StatusForm),
    "casussen:casus_regie": Formulier(cf.RegieForm, rol="teamleider"),
    "casussen:contactmoment_nieuw": Formulier(cf.ContactmomentForm),
    "casussen:keukentafelgesprek_nieuw": Formulier(
        cf.KeukentafelgesprekForm,
        pagina=_zrm_pagina("casussen:keukentafelgesprek_nieuw"),
        vast=_zrm_vast,
    ),
    "casussen:zrm_nieuw": Formulier(
        cf.ZrmMetingForm, pagina=_zrm_pagina("casussen:zrm_nieuw"), vast=_zrm_vast
    ),
    "casussen:zrm_nieuw domeinkeuze": Formulier(
        cf.DomeinKeuzeForm, url="casussen:zrm_nieuw", naam="keuze"
    ),
    "casussen:zoeken": Formulier(cf.ZoekForm, methode="get", velden=ADRES),
    "casussen:caseload": Formulier(CasusFilter, methode="get", naam="filter"),
    "casussen:team": Formulier(TeamCasusFilter, rol="teamleider", methode="get", naam="filter"),
    "casussen:stuurinformatie": Formulier(FilterForm, rol="teamleider", methode="get"),
    # plannen
    "plannen:versie_bewerken": Formulier(plf.PlanversieForm, bewaard=Planversie),
    "plannen:doel_toevoegen": Formulier(plf.DoelForm),
    "plannen:doel_bewerken": Formulier(plf.DoelForm, bewaard=Doel),
    "plannen:actie_toevoegen": Formulier(plf.ActieForm),
    "plannen:actie_bewerken": Formulier(plf.ActieForm, bewaard=Actie),
    "plannen:ondertekenen": Formulier(plf.OndertekeningForm, velden=HANDTEKENING),
    "plannen:aanvragen": Formulier(
        plf.WachtrijFilter, rol="backoffice", methode="get", naam="filter_form"
    ),
    "plannen:aanvraag_nieuw": Formulier(plf.AanvraagForm),
    "plannen:aanvraag_besluiten": Formulier(plf.BesluitForm, naam="besluit_form", **BACKOFFICE),
    "plannen:aanvraag_meer_informatie": Formulier(
        plf.MeerInformatieForm, naam="meer_form", **BACKOFFICE
    ),
    "plannen:aanvraag_opschorten": Formulier(
        plf.OpschortenForm, naam="opschort_form", **BACKOFFICE
    ),
    "plannen:aanvraag_verdagen": Formulier(plf.VerdagenForm, naam="verdaag_form", **BACKOFFICE),
    "plannen:aanvraag_behandelaar": Formulier(
        plf.BehandelaarForm, naam="behandelaar_form", **BACKOFFICE
    ),
    "plannen:aanvraag_aanvullen": Formulier(
        plf.AanvullenForm,
        naam="aanvul_form",
        kwargs=lambda w: _bo(w, "meer_informatie"),
        pagina=_aanvraagpagina("meer_informatie"),
    ),
    "plannen:opschorting_beeindigen": Formulier(
        plf.OpschortingBeeindigenForm,
        rol="backoffice",
        naam="einde_form",
        pagina=_aanvraagpagina("meer_informatie"),
    ),
    "plannen:beschikking_terugsturen": Formulier(
        plf.TerugsturenForm,
        rol="backoffice",
        naam="terug_form",
        pagina=_aanvraagpagina("beschikking"),
    ),
    # partners
    "partners:verwijzing_nieuw": Formulier(pf.VerwijzingForm),
    "partners:sociale_kaart": Formulier(SocialeKaartFilter, methode="get", naam="filter"),
    "partners:inbox_notitie": Formulier(
        pf.NotitieForm, rol="partner", pagina=_inboxpagina, naam="notitie_form"
    ),
    "partners:inbox_status afwijzen": Formulier(
        pf.AfwijzenForm,
        rol="partner",
        url="partners:inbox_status",
        pagina=_inboxpagina,
        naam="afwijzen_form",
        vast=lambda w: {"naar": "afgewezen"},
    ),
    "partners:inbox_status afronden": Formulier(
        pf.AfrondenForm,
        rol="partner",
        url="partners:inbox_status",
        pagina=_inboxpagina,
        naam="afronden_form",
        vast=lambda w: {"naar": "afgerond"},
    ),
    "partners:inbox_actie": Formulier(
        pf.ActiestatusForm, rol="partner", pagina=_inboxpagina, naam="actie_form"
    ),
    # toegang
    "toegang:inloggen": Formulier(tf.InlogForm, rol="anoniem"),
    "toegang:tweede_factor": Formulier(tf.CodeForm, rol="half"),
    "toegang:doorbreken": Formulier(tf.DoorbraakForm, rol="consulent_ander_team"),
    "toegang:toestemming_nieuw": Formulier(tf.ToestemmingForm),
    "toegang:gegevensdeling_nieuw": Formulier(tf.GegevensdelingForm),
    "toegang:logboek": Formulier(ToegangslogFilter, rol="beheerder", methode="get", naam="filter"),
}

# Forms of the project that are not fuzzed here, each with the reason.
UITGESLOTEN: dict[type, str] = {
    plf.VersieBasisMixin: "basis van PlanversieForm, DoelForm en ActieForm (die worden gefuzzd)",
    cf.ZrmVelden: "basis van KeukentafelgesprekForm en ZrmMetingForm (die worden gefuzzd)",
    OrganisatieForm: "Django-admin van de beheerder: valideert met het model, geen eigen view",
}


# --- strategies ---------------------------------------------------------------------------------

TEKENS = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent as UTF-8
GEVAARLIJK = [
    SCRIPT,
    f'"><img src=x onerror=alert(1)>{SCRIPT}',
    "'; DROP TABLE casussen_casus; --",
    "' OR '1'='1",
    "\x00",
    "a\x00b",
    "\x1b[31m\x07\x08",
    "\x7f\x85",
    "\u202eevil\u202c",
    "\u200fשלום\u200e",
    "😀👨‍👩‍👧",
    "{{ request.user }}{% now 'Y' %}",
    "%s%n%x",
    "../../../etc/passwd",
    "\r\nSet-Cookie: x=1",
    "\ufeff\ufffe\uffff",
    " ",
]
VREEMDE_DATUMS = [
    "31-02-2025",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "-1",
    "2025-13-01",
    "2025-02-29",
    "99999-01-01",
    "31-12-9999",
    "1-1-1",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "2025-06-01T25:61",
]
VREEMDE_GETALLEN = [
    "-1",
    "0",
    "99999999999999999999999",
    "-9223372036854775809",
    "1e9",
    "1.5",
    "abc",
    "٣",
    " 7 ",
    "0x1F",
    "NaN",
    "inf",
]
VANDAAG = date.today()


def _tekst():
    return st.one_of(
        st.text(TEKENS, max_size=40),
        st.sampled_from(GEVAARLIJK),
        st.tuples(st.text(TEKENS, max_size=10), st.sampled_from(GEVAARLIJK)).map("".join),
        st.text(st.characters(categories=("Cc",)), min_size=1, max_size=5),
        st.just("x" * 10_001),
    )


def _slecht(veld: forms.Field):
    """Bad input for one field; None leaves the field out."""
    if isinstance(veld, forms.FileField):
        inhoud = st.one_of(
            st.binary(max_size=3000),
            st.binary(max_size=3000).map(lambda b: b"%PDF-1.4\n" + b),
            st.binary(max_size=300).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
        )
        naam = st.sampled_from(["scan.pdf", "../../etc/passwd.pdf", "x" * 300 + ".pdf", "s.exe"])
        bestand = st.builds(lambda i, n: SimpleUploadedFile(n, i, "application/pdf"), inhoud, naam)
        return st.one_of(st.none(), bestand, _tekst())
    soort = [st.none(), _tekst(), st.lists(_tekst(), min_size=2, max_size=3)]  # one or many
    if isinstance(veld, forms.IntegerField | forms.DecimalField | forms.FloatField):
        soort += [st.integers().map(str), st.sampled_from(VREEMDE_GETALLEN)]
    if isinstance(veld, forms.DateField | forms.DateTimeField | RangeField):
        soort += [
            st.sampled_from(VREEMDE_DATUMS),
            st.dates().map(date.isoformat),
            st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
            st.datetimes().map(datetime.isoformat),
        ]
    if isinstance(veld, forms.ChoiceField | forms.ModelChoiceField):
        soort.append(st.sampled_from(VREEMDE_GETALLEN))
    if isinstance(veld, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        soort.append(st.lists(st.one_of(st.sampled_from(VREEMDE_GETALLEN), _tekst()), max_size=4))
    if isinstance(veld, forms.BooleanField):
        soort.append(st.sampled_from(["on", "", "false", "0", "\x00"]))
    return st.one_of(*soort)


def _keuzes(veld) -> list[str]:
    uit = []
    for waarde, label in getattr(veld, "choices", None) or getattr(veld.widget, "choices", []):
        if isinstance(label, list | tuple):  # an option group
            uit += [str(w) for w, _ in label if w not in ("", None)]
        elif waarde not in ("", None):
            uit.append(str(waarde))
    return uit


def _geldig(bf, extra: list):
    """Plausible valid input for one bound field: its initial value, the given extras, a valid
    choice, a date near today; text is valid script, to see it escaped when shown again."""
    veld = bf.field
    kandidaten = list(extra)
    begin = bf.value()
    if isinstance(begin, list | tuple):
        kandidaten.append([str(w) for w in begin])
    elif begin not in (None, "", False):
        opgemaakt = veld.widget.format_value(begin)
        kandidaten.append(opgemaakt if isinstance(opgemaakt, str) else str(begin))
    soorten = [st.sampled_from(kandidaten)] if kandidaten else []
    keuzes = _keuzes(veld)
    if isinstance(veld, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        soorten.append(st.lists(st.sampled_from(keuzes or ["1"]), max_size=3, unique=True))
    elif keuzes:
        soorten.append(st.sampled_from(keuzes))
    elif isinstance(veld, forms.DateTimeField):
        soorten.append(
            st.integers(1, 60 * 24 * 30).map(
                lambda m: (datetime.now() - timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M")
            )
        )
    elif isinstance(veld, forms.DateField):
        soorten.append(st.integers(-30, 200).map(lambda d: (VANDAAG + timedelta(d)).isoformat()))
    elif isinstance(veld, forms.IntegerField | forms.DecimalField):
        laag = veld.min_value if veld.min_value is not None else 1
        hoog = veld.max_value if veld.max_value is not None else laag + 50
        soorten.append(st.integers(laag, hoog).map(str))
    elif isinstance(veld, forms.BooleanField):
        soorten.append(st.sampled_from(["on", ""]))
    elif isinstance(veld, forms.FileField):
        png = handtekening_png()
        soorten.append(st.just(png).map(lambda b: SimpleUploadedFile("scan.png", b, "image/png")))
    elif isinstance(veld, forms.EmailField):
        soorten.append(st.just("inwoner@example.nl"))
    elif isinstance(veld, forms.CharField):
        lengte = veld.max_length or 1000
        soorten.append(st.just(SCRIPT[:lengte]) if lengte >= len(SCRIPT) else st.just("Ab"))
    return st.one_of(*soorten) if soorten else st.none()


@st.composite
def _invoer(draw, velden: dict):
    """Valid values for most fields, bad ones for a drawn few (shrinks towards all valid)."""
    namen = sorted(velden)
    kapot = draw(st.sets(st.sampled_from(namen))) if namen else set()
    data = {}
    for naam in namen:
        geldig, slecht = velden[naam]
        waarde = draw(slecht if naam in kapot else geldig)
        if waarde is not None:
            data[naam] = waarde
    return data


# --- the test -----------------------------------------------------------------------------------


def _client(wereld, rol) -> Client:
    return _half_ingelogd(wereld) if rol == "half" else wereld.client(rol)


def _opgeslagen(model, pk) -> dict:
    obj = model.objects.get(pk=pk)
    return {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}


def _formulier_op_pagina(client, pagina: str, spec: Formulier):
    response = client.get(pagina)
    assert response.status_code == 200, f"{pagina}: {response.status_code}"
    obj = response.context[spec.naam]
    assert isinstance(obj, spec.klasse), f"{pagina} toont {type(obj).__name__} als {spec.naam}"
    return obj if isinstance(obj, forms.BaseForm) else obj.form


def _controleer_html(response, wat: str) -> bool:
    """No script of the input comes back unescaped; True when it came back escaped."""
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return False
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html, f"onveilig: {wat}"
    return "&lt;script&gt;alert(1)" in html


@pytest.mark.parametrize("sleutel", sorted(FORMULIEREN))
def test_fuzz(wereld, settings, sleutel):
    """200 generated inputs per form, each posted through the real view by the logged-in role
    in a savepoint that is rolled back afterwards (one world per form). No rate limits: the
    fuzzer posts faster than anyone; the limits have tests of their own. How many inputs were
    accepted: pytest --hypothesis-show-statistics."""
    settings.RATELIMIETEN = {}
    spec = FORMULIEREN[sleutel]
    url_naam = spec.url or sleutel
    bouwer = spec.kwargs or MATRIX[url_naam].kwargs
    kwargs = bouwer(wereld) if bouwer else None
    url = reverse(url_naam, kwargs=kwargs)
    client = _client(wereld, spec.rol)
    form = _formulier_op_pagina(client, spec.pagina(wereld) if spec.pagina else url, spec)
    velden = {
        bf.html_name: (_geldig(bf, spec.velden.get(bf.name, [])), _slecht(bf.field)) for bf in form
    }
    vast = spec.vast(wereld) if spec.vast else {}
    voor = _opgeslagen(spec.bewaard, kwargs["pk"]) if spec.bewaard else None

    @instellingen(
        max_examples=VOORBEELDEN,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(data=_invoer(velden))
    def voorbeeld(data):
        data.update(vast)
        with transaction.atomic():
            try:
                response = getattr(client, spec.methode)(url, data)
            except Exception as fout:
                raise AssertionError(f"serverfout op {spec.methode} {url}: {fout!r}") from fout
            assert response.status_code < 500, f"{url}: {response.status_code}"
            ontsnapt = _controleer_html(response, url)
            if response.status_code == 302:
                event("aanvaard")
                volgende = response["Location"]
                if volgende.startswith("/"):
                    try:
                        vervolg = client.get(volgende)
                    except Exception as fout:
                        raise AssertionError(f"serverfout op {volgende}: {fout!r}") from fout
                    ontsnapt |= _controleer_html(vervolg, volgende)
            elif voor is not None:
                assert _opgeslagen(spec.bewaard, kwargs["pk"]) == voor, (
                    "opgeslagen gegevens gewijzigd"
                )
            if ontsnapt:
                event("ingevoerd script ontsnapt getoond")
            transaction.set_rollback(True)

    voorbeeld()


# --- every form is in the table -----------------------------------------------------------------


def _subklassen(basis):
    for klasse in basis.__subclasses__():
        yield klasse
        yield from _subklassen(klasse)


def _projectformulieren() -> set[type]:
    """Every form and filter class defined in the project's apps (after importing their forms
    modules and, through the URLconf, every view)."""
    for app in PROJECT:
        with contextlib.suppress(ModuleNotFoundError):
            import_module(f"{app}.forms")
    get_resolver().url_patterns  # noqa: B018 - imports every view and what it uses
    import_module("partners.admin")
    return {
        klasse
        for basis in (forms.BaseForm, django_filters.FilterSet)
        for klasse in _subklassen(basis)
        if klasse.__module__.split(".")[0] in PROJECT and not inspect.isabstract(klasse)
    }


def test_elk_formulier_wordt_gefuzzd():
    gefuzzd = {spec.klasse for spec in FORMULIEREN.values()}
    ontbreekt = sorted(
        f"{k.__module__}.{k.__name__}" for k in _projectformulieren() - gefuzzd - set(UITGESLOTEN)
    )
    assert not ontbreekt, f"formulieren zonder fuzztest (of reden in UITGESLOTEN): {ontbreekt}"


def test_elk_formulier_controleert_de_invoer():
    """Every form of the project refuses control characters and far-off dates on the field."""
    zonder = sorted(
        f"{k.__module__}.{k.__name__}"
        for k in _projectformulieren()
        if issubclass(k, forms.BaseForm) and not issubclass(k, VeiligeInvoer)
    )
    assert not zonder, f"formulieren zonder VeiligeInvoer: {zonder}"


def test_door_fuzzen_gevonden_fouten(wereld, settings):
    """Found by the fuzzer: a wijk with a control character was stored (and broke the Excel
    export of the figures); a period starting in the year 1 overflowed (500); a user name of
    10,000 characters reached the login log (varchar 255: 500)."""
    settings.RATELIMIETEN = {}
    huishouden = wereld.casus.huishouden
    client = wereld.client("consulent")
    url = reverse("casussen:huishouden_bewerken", kwargs={"pk": huishouden.pk})
    data = {"postcode": "1234 AB", "huisnummer": "1", "plaats": "Testdam", "wijk": "Noord\x01"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Dit veld bevat ongeldige tekens." in response.content.decode()
    huishouden.refresh_from_db()
    assert huishouden.wijk == "Centrum"

    client = wereld.client("teamleider")
    for van in ["0001-01-01", "9999-12-31"]:
        response = client.get(reverse("casussen:stuurinformatie"), {"tot": van})
        assert "Vul een datum in tussen 1800 en 2199." in response.content.decode()

    response = Client().post(
        reverse("toegang:inloggen"), {"username": "x" * 10_001, "password": "x"}
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
