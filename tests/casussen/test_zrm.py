"""Keukentafelgesprek and ZRM: only the chosen domains are scored, "niet gescoord" needs a
reason, and a person's history shows as an accessible server-rendered chart with a table."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from casussen import services
from casussen.models import ZrmScore, ZrmSoort
from tests.factories import PersoonFactory

from .factories import ZrmMetingFactory


def test_alleen_gekozen_leefgebieden_worden_gescoord(wereld, domeinen):
    persoon = PersoonFactory(huishouden=wereld.casus.huishouden)
    d = domeinen[0]
    gesprek = services.keukentafelgesprek_vastleggen(
        door=wereld.gebruikers["consulent"],
        casus=wereld.casus,
        datum=date.today(),
        plaats="Thuis",
        verslag="Verhaal",
        scores=[services.Score(persoon=persoon, domein=d, score=4)],
    )
    assert ZrmScore.objects.filter(meting__keukentafelgesprek=gesprek).count() == 1
    assert gesprek.zrm_meting.soort == ZrmSoort.INTAKE
    assert gesprek.history.count() == 1 and gesprek.zrm_meting.history.count() == 1


def test_regels_van_de_scores(wereld, domeinen):
    door = wereld.gebruikers["consulent"]
    persoon = PersoonFactory(huishouden=wereld.casus.huishouden)
    vreemde = PersoonFactory()
    d = domeinen[0]
    gevallen = [
        ([], "minstens één leefgebied"),
        ([services.Score(persoon=persoon, domein=d, score=None)], "reden"),
        ([services.Score(persoon=persoon, domein=d, score=6)], "tussen 1 en 5"),
        ([services.Score(persoon=vreemde, domein=d, score=3)], "leden van het huishouden"),
    ]
    for scores, melding in gevallen:
        with pytest.raises(ValidationError, match=melding):
            services.zrm_vastleggen(
                door=door, casus=wereld.casus, datum=date.today(), soort="evaluatie",
                scores=scores,
            )  # fmt: skip
    with pytest.raises(ValidationError, match="toekomst"):
        services.zrm_vastleggen(
            door=door, casus=wereld.casus, datum=date.today() + timedelta(days=1),
            soort="evaluatie", scores=[services.Score(persoon=persoon, domein=d, score=3)],
        )  # fmt: skip


def test_database_bewaakt_score_of_reden(wereld, domeinen):
    meting = ZrmMetingFactory(casus=wereld.casus)
    persoon = PersoonFactory(huishouden=wereld.casus.huishouden)
    for score, reden in [(None, ""), (3, "toch een reden"), (9, "")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            ZrmScore.objects.create(
                meting=meting, persoon=persoon, domein=domeinen[0], score=score,
                reden_niet_gescoord=reden,
            )  # fmt: skip


def test_zrm_grafiek_per_persoon(wereld, domeinen):
    door = wereld.gebruikers["consulent"]
    persoon = PersoonFactory(huishouden=wereld.casus.huishouden, voornamen="Grafiek")
    d1, d2 = domeinen[:2]
    for dagen_terug, score in [(60, 1), (30, 2), (0, 4)]:
        services.zrm_vastleggen(
            door=door, casus=wereld.casus, datum=date.today() - timedelta(days=dagen_terug),
            soort="tussentijds",
            scores=[
                services.Score(persoon=persoon, domein=d1, score=score),
                services.Score(persoon=persoon, domein=d2, score=None, reden="Niet aan de orde"),
            ],
        )  # fmt: skip
    html = wereld.client("consulent").get(reverse("casussen:persoon", args=[persoon.pk]))
    html = html.content.decode()
    # One chart (d2 was never scored), accessible: role, title and a description in words.
    assert html.count("<svg") == 1
    assert 'role="img"' in html
    assert f'<title id="zrm-t-{d1.pk}">ZRM {d1.naam}</title>' in html
    assert f"ZRM-scores op {d1.naam.lower()} over de tijd" in html
    # Coordinates are written with a decimal point whatever the locale.
    punten = re.search(r'<polyline points="([^"]+)"', html).group(1)
    assert "," in punten and all(re.fullmatch(r"\d+\.\d,\d+\.\d", p) for p in punten.split())
    assert len(punten.split()) == 3
    # Scores go up: y shrinks (5 is at the top).
    ys = [float(p.split(",")[1]) for p in punten.split()]
    assert ys[0] > ys[1] > ys[2]
    # The table fallback holds every score and the reason for not scoring.
    assert "<caption" in html and "Niet aan de orde" in html
