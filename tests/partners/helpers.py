"""Builders for partner tests (also used by the authorization matrix)."""


def matrix_verwijzing(wereld) -> dict:
    """Once per world: a plan with an action for the world's organisation and a referral of the
    world's case to it, covered by the world's consent (personalia)."""
    cache = wereld.__dict__.get("_partners")
    if cache is None:
        from partners import services
        from tests.plannen.helpers import maak_plan

        wereld.toestemming  # noqa: B018 - records the consent
        versie = maak_plan(wereld, acties=1, organisatie=wereld.organisatie)
        verwijzing = services.verwijzen(
            door=wereld.gebruikers["consulent"],
            casus=wereld.casus,
            organisatie=wereld.organisatie,
            vraag="Hulp bij de post",
        )
        cache = wereld.__dict__["_partners"] = {
            "verwijzing": verwijzing,
            "actie": versie.doelen.first().acties.first(),
        }
    return cache
