FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

# Pango, HarfBuzz and a font for WeasyPrint (plan PDFs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --uid 10001 wijkteam

WORKDIR /app

# Dependencies first, in their own layer: a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# The code runs from /app (PYTHONPATH): settings find templates/ and static/ next to it.
RUN pip install . \
    && SECRET_KEY=alleen-voor-collectstatic DEBUG=0 python manage.py collectstatic --noinput \
    && mkdir -p "$MEDIA_ROOT" \
    && chown wijkteam:wijkteam "$MEDIA_ROOT"

USER wijkteam
EXPOSE 8000
CMD ["gunicorn", "wijkteam.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
