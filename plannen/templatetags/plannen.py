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
    `{% load plannen %}{% plan_samenvatting casus.huishouden %}`. Two queries."""
    return {
        "plan_samenvatting": huidig_plan(huishouden),
        "huishouden": huishouden,
        "kop_niveau": kop_niveau,
    }


@register.inclusion_tag("plannen/_aanvragen_casus.html", takes_context=True)
def aanvragen_casus(context, casus, kop_niveau: int = 2):
    """The requests and decisions of the case's household for the case page:
    `{% load plannen %}{% aanvragen_casus casus %}`. Three queries (requests with their
    decision, their suspensions, their extensions)."""
    from ..selectors import aanvragen_van_huishouden

    request = context["request"]
    return {
        "aanvragen": aanvragen_van_huishouden(request.user, casus.huishouden_id),
        "casus": casus,
        "kop_niveau": kop_niveau,
        "request": request,
    }
