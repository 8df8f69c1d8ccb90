from django.core.exceptions import ValidationError


def is_geldig_bsn(bsn: str) -> bool:
    """The 11-proef: 9 digits, weights 9..2 and -1 for the last, sum divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    gewichten = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(c) * g for c, g in zip(bsn, gewichten, strict=True)) % 11 == 0


def valideer_bsn(waarde: str) -> None:
    if not is_geldig_bsn(waarde):
        raise ValidationError(
            "Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef doorstaan.",
            code="bsn",
        )
