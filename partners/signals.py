"""Receivers that keep partners in step with other apps without them calling partners:

- a melding taken on as a case (triage 'casus') → the professional referrer hears it;
- a case closed (a Statusovergang to 'afgesloten') → the professional referrers hear it;
- a consent to share with an organisation recorded or changed → the organisation's grant on
  the household is recomputed (a new consent restores access for a referral still open).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from casussen.models import Melding, Status, Statusovergang, Triage
from toegang.models import Doel, Toestemming

from . import services
from .models import Gebeurtenis, Organisatie


@receiver(post_save, sender=Melding, dispatch_uid="partners_melding_opgepakt")
def melding_opgepakt(sender, instance: Melding, raw=False, **kwargs):
    if raw or instance.triage != Triage.CASUS or not instance.casus_id:
        return
    services.melding_terugkoppelen(melding=instance, gebeurtenis=Gebeurtenis.IN_BEHANDELING)


@receiver(post_save, sender=Statusovergang, dispatch_uid="partners_casus_afgesloten")
def casus_afgesloten(sender, instance: Statusovergang, created=False, raw=False, **kwargs):
    if raw or not created or instance.naar != Status.AFGESLOTEN:
        return
    services.verwijzer_informeren(casus=instance.casus, gebeurtenis=Gebeurtenis.AFGESLOTEN)


@receiver(post_save, sender=Toestemming, dispatch_uid="partners_toestemming_gewijzigd")
def toestemming_gewijzigd(sender, instance: Toestemming, raw=False, **kwargs):
    if raw or instance.doel != Doel.DELEN or not instance.ontvanger_id:
        return
    organisatie = Organisatie.objects.filter(groep_id=instance.ontvanger_id).first()
    if organisatie is None:
        return
    huishouden = instance.persoon.huishouden
    services.toegang_herberekenen(huishouden=huishouden, organisatie=organisatie)
