"""Paging without a total: one row read ahead tells whether there is a next page."""

import pytest

from wijkteam.paginering import MAX_PAGINA, PaginatorZonderTotaal


class Rijen(list):
    """A list that remembers which slices were read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.gelezen = []

    def __getitem__(self, key):
        self.gelezen.append(key)
        return super().__getitem__(key)


def test_eerste_pagina_leest_een_rij_vooruit():
    rijen = Rijen(range(10))
    pagina = PaginatorZonderTotaal(rijen, 4).get_page("1")
    assert list(pagina) == [0, 1, 2, 3]
    assert len(pagina) == 4
    assert rijen.gelezen == [slice(0, 5)]
    assert pagina.has_next() and not pagina.has_previous() and pagina.has_other_pages()
    assert pagina.next_page_number() == 2


def test_laatste_pagina():
    pagina = PaginatorZonderTotaal(list(range(10)), 4).get_page(3)
    assert list(pagina) == [8, 9]
    assert not pagina.has_next() and pagina.has_previous()
    assert pagina.previous_page_number() == 2


def test_precies_vol_heeft_geen_volgende():
    pagina = PaginatorZonderTotaal(list(range(8)), 4).get_page(2)
    assert list(pagina) == [4, 5, 6, 7]
    assert not pagina.has_next()


def test_een_pagina_heeft_geen_andere():
    pagina = PaginatorZonderTotaal([1, 2], 4).get_page(None)
    assert not pagina.has_other_pages()
    assert pagina.paginator.num_pages is None  # not counted


def test_voorbij_het_einde_leeg_met_weg_terug():
    pagina = PaginatorZonderTotaal(list(range(3)), 4).get_page(5)
    assert list(pagina) == []
    assert pagina.has_previous() and not pagina.has_next()


@pytest.mark.parametrize("nummer", ["", "x", "0", "-2", "1.5", str(MAX_PAGINA + 1), None])
def test_ongeldig_nummer_geeft_pagina_1(nummer):
    pagina = PaginatorZonderTotaal(list(range(10)), 4).get_page(nummer)
    assert pagina.number == 1
    assert list(pagina) == [0, 1, 2, 3]


@pytest.mark.django_db
def test_ids_eerst_zelfde_pagina_als_gewoon(django_assert_num_queries):
    """The two-step page has the rows, the order and the joined records of a plain page, and
    reads each page in two queries (ids, rows) plus the count."""
    from django.core.paginator import Paginator

    from casussen.models import Casus
    from tests.factories import CasusFactory
    from wijkteam.paginering import IdsEerstPaginator

    CasusFactory.create_batch(7)
    qs = Casus.objects.select_related("huishouden").order_by("-geopend_op", "-id")
    for nummer in (1, 2, 3):
        gewoon = [c.pk for c in Paginator(qs, 3).get_page(nummer)]
        with django_assert_num_queries(3):
            pagina = IdsEerstPaginator(qs, 3).get_page(nummer)
            assert [c.pk for c in pagina] == gewoon
            assert all(c.huishouden.pk for c in pagina)  # joined, no query per row
        assert pagina.paginator.num_pages == 3
