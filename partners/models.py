from django.contrib.auth.models import Group
from django.contrib.postgres.fields import ArrayField
from django.db import models
from simple_history.models import HistoricalRecords


class Soort(models.TextChoices):
    FORMEEL = "formeel", "Formele organisatie"
    INFORMEEL = "informeel", "Informele organisatie"
    VRIJWILLIGERS = "vrijwilligers", "Vrijwilligersorganisatie"


class Organisatie(models.Model):
    """A partner organisation. Its staff are the members of `groep`: access grants (toegang)
    go to that group, so `toegang` never needs to know this model."""

    naam = models.CharField(max_length=150, unique=True)
    soort = models.CharField(max_length=20, choices=Soort.choices, default=Soort.FORMEEL)
    diensten = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    wijken = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    telefoon = models.CharField(max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField(blank=True)
    intakeadres = models.CharField(max_length=200, blank=True)
    groep = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="organisatie")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "organisaties"
        ordering = ["naam"]

    def __str__(self):
        return self.naam
