"""The steering tables' rows in Python: at Amsterdam size a dashboard has thousands of cells, and
rendering each through the template engine was most of the page's time (issue 10)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()

KLASSE_ONDERDRUKT = mark_safe(' class="onderdrukt"')  # noqa: S308  (a constant)


@register.simple_tag
def tabelrijen(tabel):
    """The <tr> rows of a stuurinformatie.Tabel: the first cell a row header, suppressed cells
    marked, or one row saying there is nothing when the selection is empty."""
    if not tabel.rijen:
        return format_html(
            '<tr><td colspan="{}">Geen gegevens in deze selectie.</td></tr>', len(tabel.kolommen)
        )
    return mark_safe(  # noqa: S308  (every part below is escaped by format_html)
        "\n".join(
            format_html(
                '<tr><th scope="row">{}</th>{}</tr>',
                rij[0].tekst,
                format_html_join(
                    "",
                    "<td{}>{}</td>",
                    ((KLASSE_ONDERDRUKT if c.onderdrukt else "", c.tekst) for c in rij[1:]),
                ),
            )
            for rij in tabel.rijen
        )
    )


@register.simple_tag
def staafdiagram(tabel):
    """The table's bar chart as inline SVG (no script, no inline style), or nothing."""
    g = tabel.grafiek()
    if not g or not tabel.rijen:
        return ""
    hoogte = g["hoogte"] + 8
    balken = format_html_join(
        "\n",
        '<g transform="translate(0 {})"><text x="0" y="18" class="stuur-label">{}</text>'
        '<rect x="200" y="4" height="18" width="{}" class="stuur-balk"></rect>'
        '<text x="{}" dx="206" y="18" class="stuur-waarde">{}</text></g>',
        (
            (b["y"], Truncator(b["label"]).chars(26), breedte, breedte, b["tekst"])
            for b in g["balken"]
            for breedte in [round(b["breedte"] * 3)]
        ),
    )
    beschrijving = "".join(f"{b['label']}: {b['tekst']}. " for b in g["balken"])
    return format_html(
        '<svg class="stuur-grafiek" role="img" aria-labelledby="svgtitel-{s} svgdesc-{s}" '
        'viewBox="0 0 600 {h}" width="600" height="{h}" preserveAspectRatio="xMinYMin meet">'
        '<title id="svgtitel-{s}">{titel}: {kolom}</title>'
        '<desc id="svgdesc-{s}">Staafdiagram. {beschrijving}De tabel hiernaast geeft dezelfde '
        "cijfers.</desc>\n{balken}</svg>",
        s=tabel.sleutel,
        h=hoogte,
        titel=tabel.titel,
        kolom=g["kolom"],
        beschrijving=beschrijving,
        balken=balken,
    )
