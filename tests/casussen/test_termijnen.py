"""Legal-term arithmetic: Atw art. 1-3, Awb 4:13-4:15, Wmo 2015 terms. Pure functions, no DB."""

from datetime import date

import pytest

from casussen.termijnen import (
    JEUGDWET_BESCHIKKING_WEKEN,
    PARTICIPATIEWET_BESCHIKKING_WEKEN,
    WMO_BESCHIKKING_WEKEN,
    WMO_ONDERZOEK_WEKEN,
    Klok,
    atw_feestdagen,
    einde_termijn,
    is_rustdag,
    koningsdag,
    pasen,
    verschuif,
)

D = date


# --- Easter and the Atw list --------------------------------------------------------------


@pytest.mark.parametrize(
    "jaar, paasdag",
    [
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2000, D(2000, 4, 23)),
        (2019, D(2019, 4, 21)),
        (2038, D(2038, 4, 25)),  # latest possible
        (2285, D(2285, 3, 22)),  # earliest possible
    ],
)
def test_pasen(jaar, paasdag):
    assert pasen(jaar) == paasdag
    assert paasdag.weekday() == 6


@pytest.mark.parametrize(
    "jaar, verwacht",
    [
        (
            2024,
            {
                D(2024, 1, 1),
                D(2024, 3, 29),  # Goede Vrijdag
                D(2024, 4, 1),  # tweede Paasdag
                D(2024, 4, 27),  # Koningsdag (Saturday: not moved)
                D(2024, 5, 5),
                D(2024, 5, 9),  # Hemelvaartsdag
                D(2024, 5, 20),  # tweede Pinksterdag
                D(2024, 12, 25),
                D(2024, 12, 26),
            },
        ),
        (
            2025,
            {
                D(2025, 1, 1),
                D(2025, 4, 18),
                D(2025, 4, 21),
                D(2025, 4, 26),  # 27 April 2025 is a Sunday
                D(2025, 5, 5),
                D(2025, 5, 29),
                D(2025, 6, 9),
                D(2025, 12, 25),
                D(2025, 12, 26),
            },
        ),
        (
            2026,
            {
                D(2026, 1, 1),
                D(2026, 4, 3),
                D(2026, 4, 6),
                D(2026, 4, 27),
                D(2026, 5, 5),
                D(2026, 5, 14),
                D(2026, 5, 25),
                D(2026, 12, 25),
                D(2026, 12, 26),
            },
        ),
        (
            2027,
            {
                D(2027, 1, 1),
                D(2027, 3, 26),
                D(2027, 3, 29),
                D(2027, 4, 27),
                D(2027, 5, 5),
                D(2027, 5, 6),
                D(2027, 5, 17),
                D(2027, 12, 25),
                D(2027, 12, 26),
            },
        ),
    ],
)
def test_atw_feestdagen(jaar, verwacht):
    assert atw_feestdagen(jaar) == frozenset(verwacht)


def test_atw_feestdagen_is_cached_and_immutable():
    assert atw_feestdagen(2026) is atw_feestdagen(2026)
    assert isinstance(atw_feestdagen(2026), frozenset)


def test_koningsdag_op_zondag_wordt_zaterdag():
    assert koningsdag(2025) == D(2025, 4, 26)
    assert D(2025, 4, 27) not in atw_feestdagen(2025)
    assert koningsdag(2026) == D(2026, 4, 27)
    assert koningsdag(2031) == D(2031, 4, 26)  # 27 April 2031 is a Sunday too


def test_vijf_mei_telt_elk_jaar_niet_alleen_per_lustrum():
    # Generic holiday calendars only count Bevrijdingsdag every five years (2025, 2030).
    # The Atw names "de vijfde mei" without condition: 2026 counts as well.
    for jaar in (2025, 2026, 2027, 2028, 2029):
        assert D(jaar, 5, 5) in atw_feestdagen(jaar)
    assert is_rustdag(D(2026, 5, 5))  # a Tuesday
    assert einde_termijn(D(2026, 4, 21), weken=2) == D(2026, 5, 6)


def test_vrijdag_na_hemelvaart_staat_niet_in_de_wet():
    assert D(2026, 5, 15) not in atw_feestdagen(2026)
    assert not is_rustdag(D(2026, 5, 15))
    assert is_rustdag(D(2026, 5, 15), gelijkgesteld={D(2026, 5, 15)})


def test_is_rustdag():
    assert not is_rustdag(D(2026, 3, 2))  # Monday
    assert is_rustdag(D(2026, 3, 7))  # Saturday
    assert is_rustdag(D(2026, 3, 8))  # Sunday
    assert is_rustdag(D(2026, 4, 3))  # Goede Vrijdag
    assert is_rustdag(D(2026, 3, 2), gelijkgesteld=[D(2026, 3, 2)])


# --- Atw art. 1: shift to the next day that is no rustdag ---------------------------------


@pytest.mark.parametrize(
    "dag, verwacht",
    [
        (D(2026, 3, 4), D(2026, 3, 4)),  # Wednesday: unchanged
        (D(2026, 3, 7), D(2026, 3, 9)),  # Saturday -> Monday
        (D(2026, 3, 8), D(2026, 3, 9)),  # Sunday -> Monday
        (D(2026, 4, 3), D(2026, 4, 7)),  # Goede Vrijdag -> Tuesday (Monday is tweede Paasdag)
        (D(2026, 4, 6), D(2026, 4, 7)),  # tweede Paasdag
        (D(2026, 5, 14), D(2026, 5, 15)),  # Hemelvaartsdag -> Friday
        (D(2026, 5, 25), D(2026, 5, 26)),  # tweede Pinksterdag
        (D(2026, 4, 27), D(2026, 4, 28)),  # Koningsdag (Monday)
        (D(2025, 4, 26), D(2025, 4, 28)),  # Koningsdag 2025 (Saturday)
        (D(2026, 5, 5), D(2026, 5, 6)),  # 5 mei
        (D(2025, 12, 25), D(2025, 12, 29)),  # Thursday Kerst, Friday 26th -> Monday 29th
        (D(2026, 12, 25), D(2026, 12, 28)),  # Friday Kerst, Saturday 26th -> Monday 28th
        (D(2026, 1, 1), D(2026, 1, 2)),  # Nieuwjaarsdag (Thursday)
        (D(2027, 1, 1), D(2027, 1, 4)),  # Nieuwjaarsdag (Friday) -> Monday
        (D(2025, 12, 31), D(2025, 12, 31)),  # Oudejaarsdag is no Atw day
    ],
)
def test_verschuif(dag, verwacht):
    assert verschuif(dag) == verwacht


def test_verschuif_gelijkgestelde_vrijdag_na_hemelvaart():
    assert verschuif(D(2026, 5, 14), gelijkgesteld={D(2026, 5, 15)}) == D(2026, 5, 18)


def test_verschuif_over_jaargrens():
    # 26 Dec 2027 is a Sunday, 27 and 28 are working days.
    assert verschuif(D(2027, 12, 25)) == D(2027, 12, 27)
    assert verschuif(D(2022, 12, 31)) == D(2023, 1, 2)  # Saturday, Sunday 1 Jan -> Monday


# --- einde_termijn --------------------------------------------------------------------------


def test_wmo_onderzoek_zes_weken():
    assert WMO_ONDERZOEK_WEKEN == 6
    assert einde_termijn(D(2026, 3, 2), weken=WMO_ONDERZOEK_WEKEN) == D(2026, 4, 13)


def test_wmo_onderzoek_eindigt_op_koningsdag():
    assert einde_termijn(D(2026, 3, 16), weken=WMO_ONDERZOEK_WEKEN) == D(2026, 4, 28)


def test_wmo_beschikking_twee_weken():
    assert WMO_BESCHIKKING_WEKEN == 2
    assert einde_termijn(D(2026, 3, 2), weken=WMO_BESCHIKKING_WEKEN) == D(2026, 3, 16)
    # Ends on Hemelvaartsdag -> Friday, or Monday when that Friday is equated by decree.
    assert einde_termijn(D(2026, 4, 30), weken=WMO_BESCHIKKING_WEKEN) == D(2026, 5, 15)
    assert einde_termijn(
        D(2026, 4, 30), weken=WMO_BESCHIKKING_WEKEN, gelijkgesteld={D(2026, 5, 15)}
    ) == D(2026, 5, 18)


def test_jeugdwet_en_participatiewet_acht_weken():
    assert JEUGDWET_BESCHIKKING_WEKEN == PARTICIPATIEWET_BESCHIKKING_WEKEN == 8
    assert einde_termijn(D(2026, 1, 5), weken=JEUGDWET_BESCHIKKING_WEKEN) == D(2026, 3, 2)
    # Ends on Friday 25 Dec 2026 -> 26 Dec (Saturday, Kerst) -> Sunday -> Monday 28 Dec.
    assert einde_termijn(D(2026, 10, 30), weken=PARTICIPATIEWET_BESCHIKKING_WEKEN) == D(
        2026, 12, 28
    )


def test_termijn_in_dagen():
    assert einde_termijn(D(2026, 3, 2), dagen=10) == D(2026, 3, 12)
    assert einde_termijn(D(2026, 3, 2), weken=1, dagen=5) == D(2026, 3, 16)  # Saturday -> Monday
    assert einde_termijn(D(2026, 3, 2)) == D(2026, 3, 2)


def test_atw_art_2_minstens_twee_werkdagen():
    # Three days from Tuesday 19 Dec 2017: Friday 22nd, no shift needed.
    assert einde_termijn(D(2017, 12, 19), dagen=3) == D(2017, 12, 22)
    # From Wednesday 20 Dec 2017: Saturday 23rd, past Sunday and both Kerstdagen -> 27th.
    assert einde_termijn(D(2017, 12, 20), dagen=3) == D(2017, 12, 27)
    # From Wednesday 24 Dec 2025: 25, 26 and 27 are all rustdagen; art. 1 gives Monday 29th,
    # art. 2 needs two working days in the term: Monday 29 and Tuesday 30.
    assert einde_termijn(D(2025, 12, 24), dagen=3) == D(2025, 12, 30)
    # Art. 2 applies to terms of at least three days only.
    assert einde_termijn(D(2025, 12, 24), dagen=2) == D(2025, 12, 29)


def test_opschorting_telt_de_opgeschorte_dagen_erbij():
    # Jeugdwet, aanvraag Monday 5 Jan 2026 (end 2 Mar). Invited to supplement on Monday 12 Jan:
    # suspended from Tuesday 13 Jan until the aanvulling on Tuesday 20 Jan: 7 days.
    opgeschort = [(D(2026, 1, 13), D(2026, 1, 20))]
    assert einde_termijn(D(2026, 1, 5), weken=8, opgeschort=opgeschort) == D(2026, 3, 9)


def test_opschorting_overlappend_telt_eenmaal():
    opgeschort = [(D(2026, 1, 13), D(2026, 1, 20)), (D(2026, 1, 15), D(2026, 1, 22))]
    assert einde_termijn(D(2026, 1, 5), weken=8, opgeschort=opgeschort) == D(2026, 3, 11)
    binnen = [(D(2026, 1, 13), D(2026, 1, 20)), (D(2026, 1, 14), D(2026, 1, 16))]
    assert einde_termijn(D(2026, 1, 5), weken=8, opgeschort=binnen) == D(2026, 3, 9)
    los = [(D(2026, 1, 13), D(2026, 1, 15)), (D(2026, 2, 2), D(2026, 2, 5))]
    assert einde_termijn(D(2026, 1, 5), weken=8, opgeschort=los) == D(2026, 3, 9)


def test_opschorting_lege_en_ongeldige_periode():
    assert einde_termijn(D(2026, 1, 5), weken=8, opgeschort=[(D(2026, 1, 13),) * 2]) == D(
        2026, 3, 2
    )
    with pytest.raises(ValueError):
        einde_termijn(D(2026, 1, 5), weken=8, opgeschort=[(D(2026, 1, 20), D(2026, 1, 13))])


def test_atw_verschuiving_eenmaal_op_het_eindresultaat():
    # Saturday 10 Jan 2026 + 8 weeks = Saturday 7 Mar; + 2 suspended days = Monday 9 Mar.
    # Shifting first (to Monday) and then adding would wrongly give Wednesday 11 Mar.
    opgeschort = [(D(2026, 1, 20), D(2026, 1, 22))]
    assert einde_termijn(D(2026, 1, 10), weken=8, opgeschort=opgeschort) == D(2026, 3, 9)


def test_verdaging_telt_weken_erbij():
    assert einde_termijn(D(2026, 1, 5), weken=8, verdaagd_weken=4) == D(2026, 3, 30)
    # Verdaging onto Goede Vrijdag 2026 -> Tuesday after tweede Paasdag.
    assert einde_termijn(D(2026, 1, 9), weken=8, verdaagd_weken=4) == D(2026, 4, 7)


def test_opschorting_en_verdaging_samen():
    opgeschort = [(D(2026, 1, 13), D(2026, 1, 20))]
    assert einde_termijn(D(2026, 1, 5), weken=8, verdaagd_weken=4, opgeschort=opgeschort) == D(
        2026, 4, 7
    )  # 30 Mar + 7 = Monday 6 Apr, tweede Paasdag -> Tuesday


@pytest.mark.parametrize("kwargs", [{"weken": -1}, {"dagen": -1}, {"verdaagd_weken": -1}])
def test_negatieve_termijn_ongeldig(kwargs):
    with pytest.raises(ValueError):
        einde_termijn(D(2026, 1, 5), **kwargs)


# --- Klok -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "vandaag, over, kleur",
    [
        (D(2026, 4, 5), 8, "groen"),
        (D(2026, 4, 6), 7, "groen"),
        (D(2026, 4, 7), 6, "amber"),  # first of the last 7 days
        (D(2026, 4, 13), 0, "amber"),  # the end day itself
        (D(2026, 4, 14), -1, "rood"),
    ],
)
def test_klok_dagen_over_en_kleur(vandaag, over, kleur):
    klok = Klok(einde=D(2026, 4, 13))
    assert klok.dagen_over(vandaag) == over
    assert klok.kleur(vandaag) == kleur


def test_klok_gehaald():
    klok = Klok(einde=D(2026, 4, 13))
    assert klok.gehaald(None) is None
    assert klok.gehaald(D(2026, 4, 1)) is True
    assert klok.gehaald(D(2026, 4, 13)) is True
    assert klok.gehaald(D(2026, 4, 14)) is False


def test_klok_is_onveranderlijk():
    klok = Klok(einde=D(2026, 4, 13))
    with pytest.raises(AttributeError):
        klok.einde = D(2026, 4, 14)
    assert Klok(D(2026, 4, 13)) == klok
