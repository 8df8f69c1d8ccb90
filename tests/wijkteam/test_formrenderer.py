"""The project's form renderer (wijkteam.formulieren.FormRenderer): its own <select> template
writes the options in one template instead of an include per option, with Django's output."""

from django import forms
from django.forms.renderers import Jinja2, get_default_renderer

from wijkteam.formulieren import FormRenderer

KEUZES = [
    ("", "—"),
    ("a", 'Aap & "noot"'),
    ("Groep", [("b", "Bes"), ("c", "<Citroen>")]),
    ("d", "Dadel"),
]


class Formulier(forms.Form):
    een = forms.ChoiceField(choices=KEUZES, required=False)
    meer = forms.MultipleChoiceField(choices=KEUZES, required=False)
    ja_nee = forms.NullBooleanField(required=False)
    uit = forms.ChoiceField(
        choices=KEUZES, required=False, widget=forms.Select(attrs={"class": "x", "disabled": True})
    )


def test_select_zoals_django():
    for data in [None, {"een": "c", "meer": ["a", "b"], "ja_nee": "false", "uit": "d"}]:
        eigen = Formulier(data, renderer=FormRenderer()).as_div()
        django = Formulier(data, renderer=Jinja2()).as_div()
        assert eigen == django
        assert eigen.count("<option") == 3 * 5 + 3


def test_de_projectrenderer_met_eigen_select():
    renderer = get_default_renderer()
    assert isinstance(renderer, FormRenderer)
    bron = renderer.get_template("django/forms/widgets/select.html").template.filename
    assert "/wijkteam/jinja2/" in bron
