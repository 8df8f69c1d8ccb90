from django import template

from ..selectors import huidig_plan

register = template.Library()


@register.filter
def velden(form, namen: str) -> list:
    """The bound fields named (space-separated), in that order: `form|velden:"a b c"`;
    all visible fields when no names are given."""
    if not namen:
        return form.visible_fields()
    return [form[naam] for naam in namen.split() if naam in form.fields]


@register.inclusion_tag("plannen/_plan_samenvatting.html")
def plan_samenvatting(huishouden, kop_niveau: int = 2):
    """The current plan of a household for the case and household pages:
    `{% load plannen %}{% plan_samenvatting casus.huishouden %}`. Three queries."""
    return {
        "plan_samenvatting": huidig_plan(huishouden),
        "huishouden": huishouden,
        "kop_niveau": kop_niveau,
    }
