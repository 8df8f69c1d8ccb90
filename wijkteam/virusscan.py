"""Optional virus scan of uploads by ClamAV's daemon, when CLAMAV_SOCKET or CLAMAV_HOST is set.

The file goes to clamd with the INSTREAM command (clamav-client). An infected file is refused;
so is every file while clamd is configured but does not answer (fail closed).
"""

import io
import logging

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket
from django.conf import settings
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)


def _clamd():
    if settings.CLAMAV_SOCKET:
        return ClamdUnixSocket(settings.CLAMAV_SOCKET, timeout=settings.CLAMAV_TIMEOUT)
    if settings.CLAMAV_HOST:
        return ClamdNetworkSocket(
            settings.CLAMAV_HOST, settings.CLAMAV_PORT, timeout=settings.CLAMAV_TIMEOUT
        )
    return None


def controleren(inhoud: bytes) -> None:
    """Raise a Dutch ValidationError when clamd finds a virus or cannot scan; no-op without
    clamd."""
    clamd = _clamd()
    if clamd is None:
        return
    try:
        status, naam = clamd.instream(io.BytesIO(inhoud)).get("stream", (None, None))
    except (ClamdError, OSError) as fout:
        status, naam = "ERROR", str(fout)
    if status == "FOUND":
        logger.warning("Upload geweigerd: de virusscanner vond %s", naam)
        raise ValidationError(
            f"Het bestand is geweigerd: de virusscanner vond {naam}.", code="virus"
        )
    if status != "OK":
        logger.error(
            "Upload geweigerd: de virusscanner kon het bestand niet controleren (%s)", naam
        )
        raise ValidationError(
            "Het bestand kan nu niet op virussen worden gecontroleerd en is daarom niet "
            "opgeslagen. Probeer het later opnieuw; blijft dit gebeuren, meld het dan bij de "
            "functioneel beheerder.",
            code="virusscanner",
        )
