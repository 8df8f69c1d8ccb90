from django import forms
from django.contrib.auth.forms import AuthenticationForm


class InlogForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Gebruikersnaam of wachtwoord klopt niet.",
        "inactive": "Dit account is niet actief.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"


class CodeForm(forms.Form):
    """The six-digit code of the authenticator app, checked against the given device."""

    code = forms.RegexField(
        label="Code uit de authenticator-app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "invalid": "Vul de zes cijfers uit de app in.",
            "required": "Vul de code in.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError("Te veel pogingen. Wacht even en probeer het opnieuw.")
        if not self.device.verify_token(code):
            raise forms.ValidationError("Deze code klopt niet of is verlopen.")
        return code
