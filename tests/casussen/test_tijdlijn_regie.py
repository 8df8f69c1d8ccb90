"""The case page's timeline shows each change of regie from the case's history rows (read as
values, issue 10): who became regisseur and backup, the reason, and who changed it."""

from casussen import selectors, services
from tests.factories import maak_gebruiker
from toegang.models import Rol


def test_regiewisselingen_op_de_tijdlijn(wereld):
    teamleider = wereld.gebruikers["teamleider"]
    teamleider.first_name, teamleider.last_name = "Tea", "Leider"
    teamleider.save()
    zonder_naam = maak_gebruiker("zondernaam", Rol.CONSULENT, team=wereld.team)
    met_naam = maak_gebruiker(
        "metnaam", Rol.CONSULENT, team=wereld.team, first_name="Anna", last_name="de Vries"
    )
    casus = wereld.casus
    casus = services.regie_toewijzen(
        door=teamleider, casus=casus, regisseur=zonder_naam, backup=None, reden="Verlof"
    )
    # A save without a change of regie is no event.
    services.evaluatiedatum_zetten(door=teamleider, casus=casus, datum=None)
    services.regie_toewijzen(
        door=teamleider, casus=casus, regisseur=met_naam, backup=zonder_naam, reden="Terug"
    )
    casus.refresh_from_db()
    regie = [
        g for g in selectors.tijdlijn(casus, contactmomenten=[], gesprekken=[], metingen=[])
        if g.soort == "regie"
    ]  # fmt: skip
    assert [(g.titel, g.tekst, g.door) for g in regie] == [
        ("Regie gewijzigd", "Regisseur: Anna de Vries; backup: zondernaam. Terug", "Tea Leider"),
        ("Regie gewijzigd", "Regisseur: zondernaam; backup: —. Verlof", "Tea Leider"),
    ]
    historie = list(casus.history.order_by("-history_date", "-history_id"))
    assert [g.op for g in regie] == [historie[0].history_date, historie[2].history_date]
