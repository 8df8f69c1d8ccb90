"""The bench's printed table: every page, the floor, the mix and the machine's calibration."""

from bench.run import ijking_ms, tabel_tekst


def test_tabel_met_vloer_en_ijking():
    meting = {"rps": 50.0, "p50_ms": 20.0, "p95_ms": 30.0, "fouten": 0, "foutcodes": {}}
    pagina = {
        **meting,
        "status": 200,
        "sql_queries": 8,
        "sql_ondergrens_ms": 1.5,
        "x_ondergrens": 13.3,
        "admin_ms": 90.0,
        "x_admin": 0.2,
    }
    uitkomst = {
        "grootte": "small",
        "clients": 16,
        "gunicorn": {"workers": 4, "threads": 2},
        "ijking_ms": [21.5, 22.0],
        "paginas": {"caseload": pagina},
        "admin": {},
        "vloer": {"leeg antwoord": {"p50_ms": 3.3}, "lege pagina": {"p50_ms": 4.5}},
        "mix": {**meting, "rps": 106.0},
        "overgeslagen": {},
        "herinneringen": {"totaal_s": 0.05},
    }
    tekst = tabel_tekst(uitkomst)
    assert "ijking=21.5/22.0 ms" in tekst
    assert "caseload" in tekst and "13.3" in tekst
    assert "leeg antwoord 3.3 ms, lege pagina 4.5 ms" in tekst
    assert "106.0 verzoeken/s" in tekst


def test_ijking_is_een_tijd():
    assert 0 < ijking_ms() < 10_000
