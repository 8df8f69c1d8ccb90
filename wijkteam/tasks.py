from celery import shared_task


@shared_task
def ping(waarde: str) -> str:
    """Round trip through Redis and a worker: used by /health/ and the worker test."""
    return f"pong: {waarde}"
