"""`make run`: prepares the database, loads the demo once, then serves with a Celery worker and beat.

Runs inside `scripts/services.py run`, which provides DATABASE_URL and REDIS_URL. The settings are the
production ones (DEBUG off, gunicorn, manifest static files), with HTTPS and compulsory MFA off because
this serves plain http on 127.0.0.1 for a demo.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def prepare_environment(port: int) -> None:
    var = ROOT / "var"
    (var / "mail").mkdir(parents=True, exist_ok=True)
    key_file = var / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    defaults = {
        "DJANGO_SETTINGS_MODULE": "honingraat.settings",
        "SECRET_KEY": key_file.read_text().strip(),
        "DEBUG": "false",
        "HTTPS": "false",
        "MFA_VERPLICHT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": f"file://{var / 'mail'}",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def serve(port: int) -> int:
    commands = {
        "web": [
            PYTHON,
            "-m",
            "gunicorn",
            "honingraat.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--access-logfile",
            "-",
        ],
        "worker": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "honingraat",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
        ],
        "beat": [PYTHON, "-m", "celery", "-A", "honingraat", "beat", "--loglevel", "INFO"],
    }
    processes = {name: subprocess.Popen(command, cwd=ROOT) for name, command in commands.items()}
    print(f"\nHoningraat draait op http://127.0.0.1:{port}  (Ctrl-C stopt alles)\n", flush=True)

    def stop(*_args) -> None:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()

    # Ctrl-C reaches gunicorn and Celery too, as often before this process as after it: a part that stops
    # right then stopped because it was asked to, and the whole run ends well (exit 0, so make says nothing).
    gevraagd: list[int] = []

    def ctrl_c(signum, _frame) -> None:
        gevraagd.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, ctrl_c)
    exit_code = 0
    try:
        while not gevraagd and all(process.poll() is None for process in processes.values()):
            time.sleep(0.5)
        if not gevraagd:
            time.sleep(1)  # the Ctrl-C that stopped a part may still be on its way here
        if not gevraagd:
            exit_code = next(p.returncode for p in processes.values() if p.returncode is not None) or 1
            print("Een onderdeel stopte; de andere worden gestopt.", file=sys.stderr)
    finally:
        stop()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return exit_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    prepare_environment(args.port)
    manage("migrate", "--noinput", "-v", "0")
    manage("createcachetable")
    manage("collectstatic", "--noinput", "-v", "0")
    manage("demo")
    return serve(args.port)


if __name__ == "__main__":
    sys.exit(main())
