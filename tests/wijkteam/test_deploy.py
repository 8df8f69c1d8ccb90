"""Deployment: the compose file, Django's deploy checks, and the DEMO_MODE guard."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = shutil.which("docker-compose")
needs_compose = pytest.mark.skipif(
    COMPOSE is None, reason="docker-compose ontbreekt (`make browser` installeert het)"
)


def compose_config(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`docker-compose config` with only the given variables: no shell variables, no .env file."""
    env_file = tmp_path / "leeg.env"
    env_file.touch()
    return subprocess.run(
        [COMPOSE, "--env-file", str(env_file), "-f", "docker-compose.yml", "config", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def services_with_healthcheck(config: str) -> set[str]:
    """Read `config` output without PyYAML: it is normalized, two spaces per level."""
    found, service, in_services = set(), None, False
    for line in config.splitlines():
        if not line.startswith(" "):
            in_services = line == "services:"
        elif in_services and line.startswith("  ") and not line.startswith("   "):
            service = line.strip().rstrip(":")
        elif in_services and line == "    healthcheck:":
            found.add(service)
    return found


@needs_compose
def test_compose_file_is_valid(tmp_path):
    secrets_env = {"SECRET_KEY": "x" * 60, "POSTGRES_PASSWORD": "geheim"}
    result = compose_config(tmp_path, **secrets_env)
    assert result.returncode == 0, result.stderr
    assert services_with_healthcheck(result.stdout) == {"postgres", "redis", "web", "worker"}

    services = compose_config(tmp_path, "--services", **secrets_env)
    assert set(services.stdout.split()) == {"postgres", "redis", "web", "worker", "beat"}


@needs_compose
def test_compose_requires_secret_key(tmp_path):
    result = compose_config(tmp_path, POSTGRES_PASSWORD="geheim")
    assert result.returncode != 0
    assert "SECRET_KEY is verplicht" in result.stderr


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a clean environment: only PATH and the service URLs are inherited."""
    inherited = {k: os.environ[k] for k in ("PATH", "DATABASE_URL", "REDIS_URL") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {"DEBUG": "0", "ALLOWED_HOSTS": "wijkteam.example"}


def test_deploy_check_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        **PRODUCTION,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in output


def test_demo_mode_is_refused_without_debug():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(64), DEMO_MODE="1", **PRODUCTION)
    assert result.returncode != 0
    assert "DEMO_MODE is alleen toegestaan met DEBUG=1" in result.stderr


def test_settings_accept_the_compose_database_url():
    """A TCP DATABASE_URL (as in docker-compose.yml) has no socket option; settings load."""
    result = manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL="postgresql://wijkteam:geheim@postgres/wijkteam",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
