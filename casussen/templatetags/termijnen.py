"""A legal clock as a badge, in Python: the case lists show one per row (issue 10)."""

from django import template
from django.utils.dateformat import format as datum
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def onderzoeksklok(klok, toon_einde=False):
    """The Wmo research clock of a case (a casussen.models.Klokstand, or None: no clock)."""
    if klok is None:
        return format_html('<span class="klein">{}</span>', "Geen wettelijke termijn")
    badge = format_html(
        '<span class="klok klok-{}"><span class="visueel-verborgen">Onderzoekstermijn: </span>'
        "{}</span>",
        klok.kleur,
        klok.tekst,
    )
    if toon_einde:
        einde = datum(klok.einde, "d-m-Y")
        return badge + format_html(' <span class="klein">(uiterlijk {})</span>', einde)
    return badge
