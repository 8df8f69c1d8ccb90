"""What every form of the project shares: input that later code cannot handle is refused on
the field, with a Dutch message, instead of ending in a server error (issue 11, the fuzz test).

- Text refuses control characters. PostgreSQL refuses a NUL in text (Django's CharField already
  refuses that one); the others would be stored and break what reads them later: the Excel
  export (XML allows none of them), PDFs, e-mails. Tab, line feed and carriage return are text.
- Text is no longer than its field's max_length, also when that was set late.
- Dates lie between 1800 and 2199. Python's dates end at the years 1 and 9999: date arithmetic
  on a date near either end (a term, a period of a year back) overflows.
"""

from datetime import date, datetime
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.forms.renderers import Jinja2
from django.utils.functional import cached_property

# Wide enough for every real date (a form's own rule, say a birth date after 1900, keeps its
# own message), far from the ends where date arithmetic overflows.
VROEGSTE_DATUM, LAATSTE_DATUM = date(1800, 1, 1), date(2199, 12, 31)

geen_stuurtekens = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]",
    message="Dit veld bevat ongeldige tekens.",
    code="stuurtekens",
    inverse_match=True,
)


def datum_binnen_bereik(waarde: date) -> None:
    datum = waarde.date() if isinstance(waarde, datetime) else waarde
    if not VROEGSTE_DATUM <= datum <= LAATSTE_DATUM:
        raise ValidationError(
            f"Vul een datum in tussen {VROEGSTE_DATUM.year} en {LAATSTE_DATUM.year}.",
            code="datumbereik",
        )


def _validators(veld: forms.Field) -> list:
    if isinstance(veld, forms.DateField | forms.DateTimeField):
        return [datum_binnen_bereik]
    if not isinstance(veld, forms.CharField):
        return []
    extra = [geen_stuurtekens]
    # A max_length set after the field was made (AuthenticationForm sets the username's from
    # the user model) has no validator: ten thousand characters went on to the login log.
    if veld.max_length is not None and not any(
        isinstance(v, MaxLengthValidator) for v in veld.validators
    ):
        extra.append(MaxLengthValidator(veld.max_length))
    return extra


class VeiligeInvoer:
    """Mixin for every form: each text and date field, also one added in a form's own
    __init__, gets these validators before the form is cleaned."""

    def full_clean(self):
        for veld in self.fields.values():
            veld.validators += [v for v in _validators(veld) if v not in veld.validators]
        super().full_clean()


class FormRenderer(Jinja2):
    """Django's form templates in Jinja2 (a <select> renders each <option> through a template,
    and Django's template engine made that the largest cost of a list page with a filter form),
    with the project's own versions of some first: `wijkteam/jinja2` (issue 10)."""

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(__file__).parent / self.backend.app_dirname,
                    Path(forms.__file__).parent / self.backend.app_dirname,
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
