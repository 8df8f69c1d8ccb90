"""Every page that shows a resident's record writes exactly one access-log row; a refused
attempt on a record that exists writes one too (NEN 7513)."""

import pytest
from django.urls import reverse

from tests.toegang.test_matrix import MATRIX
from toegang.models import LogResultaat, Toegangslog

pytestmark = pytest.mark.django_db

RECORDPAGINAS = sorted(
    naam
    for naam, regel in MATRIX.items()
    if regel.kwargs
    and regel.methode == "get"
    and regel.verwacht("consulent") == 200
    and naam not in {"partners:organisatie"}  # the social map: no resident's data
)


def test_er_zijn_recordpaginas():
    assert {"casussen:casus", "casussen:huishouden", "casussen:persoon"} <= set(RECORDPAGINAS)


@pytest.mark.parametrize("naam", RECORDPAGINAS)
def test_bekijken_en_weigeren_gelogd(wereld, naam):
    url = reverse(naam, kwargs=MATRIX[naam].kwargs(wereld))
    voor = Toegangslog.objects.count()
    assert wereld.client("consulent").get(url).status_code == 200
    regels = list(Toegangslog.objects.order_by("-id")[: Toegangslog.objects.count() - voor])
    assert len(regels) == 1, f"{url}: {len(regels)} logregels"
    assert regels[0].resultaat == LogResultaat.TOEGESTAAN
    assert regels[0].gebruikersnaam == "consulent"
    assert regels[0].object_id is not None

    voor = Toegangslog.objects.count()
    assert wereld.client("consulent_ander_team").get(url).status_code == 404
    geweigerd = list(Toegangslog.objects.order_by("-id")[: Toegangslog.objects.count() - voor])
    assert [r.resultaat for r in geweigerd] == [LogResultaat.GEWEIGERD], url
