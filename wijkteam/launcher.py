"""`make run`: PostgreSQL and Redis (embedded unless DATABASE_URL / REDIS_URL are given),
migrations, demo data (once), then the web server, a Celery worker and Celery beat together.
Ctrl-C stops everything; the data in DATA_DIR survives a restart."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .embedded import ensure_services


def main(data_dir: Path) -> int:
    port = os.environ.get("PORT", "8000")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DEMO_MODE", "1")
    os.environ.setdefault("MEDIA_ROOT", str(data_dir / "media"))
    ensure_services(data_dir, keep=True)
    python = sys.executable
    manage = [python, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True)
    subprocess.run([*manage, "demodata"], check=True)

    celery = [python, "-m", "celery", "-A", "wijkteam"]
    processes = [
        subprocess.Popen([*manage, "runserver", "--noreload", f"0.0.0.0:{port}"]),
        subprocess.Popen([*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"]),
        subprocess.Popen([*celery, "beat", "--loglevel", "INFO"]),
    ]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"\nWijkteam draait op http://localhost:{port}/ — stoppen met Ctrl-C.\n", flush=True)
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        return 1
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".data").resolve()))
