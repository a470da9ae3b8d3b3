"""Throwaway services for the fault tests: a PostgreSQL cluster and a Redis server of their own on
spare loopback ports, the project's processes (gunicorn, Celery worker, management commands)
pointed at them, and a small HTTP client that logs in and posts forms like a browser.

Nothing here touches the PostgreSQL or Redis the rest of the test suite (or a developer) uses:
every server is started from scratch in a temporary directory and removed afterwards.
"""
from __future__ import annotations

import glob
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
DEMO_PASSWORD = "Ali@2023demo"  # accounts/management/commands/load_demo_accounts.py


def pg_bindir() -> Path | None:
    """PG_BIN, else the newest /usr/lib/postgresql/*/bin, else wherever initdb is on PATH."""
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    on_path = shutil.which("initdb")
    candidates.append(str(Path(on_path).parent) if on_path else "")
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def redis_server_binary() -> str | None:
    return os.environ.get("REDIS_SERVER") or shutil.which("redis-server")


def free_port() -> int:
    """A loopback port nobody listens on right now (never 5432 / 6379)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in (5432, 6379):
            return port


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


# --------------------------------------------------------------------------- PostgreSQL
class Postgres:
    """A PostgreSQL cluster in a temporary directory, trust auth, listening on 127.0.0.1:<spare
    port> and a socket in the same directory. initdb refuses root, so as root the server runs as
    the `postgres` OS user."""

    def __init__(self):
        self.bindir = pg_bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BIN")
        self.dir = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._connections = []

    def _run(self, *args, timeout=60, check=True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *map(str, args[1:])]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        # The server inherits pg_ctl's output: a file, never a pipe we would wait on forever.
        with tempfile.TemporaryFile(mode="w+") as output:
            result = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, text=True, timeout=timeout)
            output.seek(0)
            result.stdout, result.stderr = output.read(), ""
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n"
                               + self.tail_log())
        return result

    def tail_log(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def init(self) -> "Postgres":
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                  "--locale=C.UTF-8", "--no-sync", timeout=120)
        return self

    def start(self) -> "Postgres":
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c max_connections=60 "
                   f"-c shared_buffers=64MB")
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60", "start", timeout=90)
        return self

    def restart(self, mode: str = "fast") -> float:
        """pg_ctl restart -m <mode>; returns the seconds the server was unavailable (roughly)."""
        started = time.monotonic()
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-m", mode, "-w", "-t", "60", "restart", timeout=90)
        return time.monotonic() - started

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop", timeout=90, check=False)

    def destroy(self) -> None:
        for connection in self._connections:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - best effort on teardown
                pass
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str):
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)
        connection.autocommit = True
        self._connections.append(connection)
        return connection

    def sql(self, database: str, query: str, params=None) -> list[tuple]:
        """Run one statement on a fresh connection (survives restarts) and return its rows."""
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def create_database(self, name: str, template: str | None = None) -> str:
        clause = f' TEMPLATE "{template}"' if template else ""
        self.sql("postgres", f'CREATE DATABASE "{name}"{clause}')
        return name

    def drop_database(self, name: str) -> None:
        self.sql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def ready(self) -> bool:
        return self._run("pg_isready", "-h", "127.0.0.1", "-p", self.port, "-t", "1", check=False).returncode == 0


# --------------------------------------------------------------------------- Redis
class Redis:
    """redis-server on a spare loopback port, no persistence. stop() / start() keep the port."""

    def __init__(self):
        self.binary = redis_server_binary()
        if self.binary is None:
            raise RuntimeError("redis-server not found; set REDIS_SERVER")
        self.dir = Path(tempfile.mkdtemp(prefix="faults-redis-"))
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "Redis":
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir), "--daemonize", "no", "--loglevel", "warning",
             "--logfile", str(self.dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.ping, 15, f"redis-server on port {self.port}")
        return self

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# --------------------------------------------------------------------------- project processes
def django_env(pg: Postgres, database: str, redis: Redis | None = None, **extra: str) -> dict[str, str]:
    """The environment of a project process pointed at the throwaway services only."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DATABASE_", "CELERY_", "DB_", "DJANGO_", "PYTEST_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "fault_settings",
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
        "DATABASE_URL": pg.url(database),
        "CELERY_BROKER_URL": redis.url if redis else "",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    result = subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def run_script(env: dict, script: str, *args: str, timeout: float = 300) -> str:
    result = subprocess.run([PYTHON, str(HERE / script), *args], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{script} {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def children_of(pid: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


class Gunicorn:
    """The WSGI app served by gunicorn (sync workers) on a spare loopback port."""

    def __init__(self, env: dict, log: Path, workers: int = 2):
        self.port = free_port()
        self.log = log
        self._log_file = open(self.log, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "ali_party.wsgi:application", "-b", f"127.0.0.1:{self.port}",
             "-w", str(workers), "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=self._log_file, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"

        def up():
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited at start:\n" + self.log.read_text(errors="replace"))
            return port_open(self.port) and len(self.worker_pids()) == workers

        wait_for(up, 60, "gunicorn")

    def worker_pids(self) -> set[int]:
        return children_of(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()


class CeleryWorker:
    """A real worker (tests/faults/worker.py → the project's Celery app, solo pool unless told)."""

    def __init__(self, env: dict, name: str, log: Path, *extra: str):
        self.name = name
        self.log = log
        self._log_file = open(self.log, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [PYTHON, str(HERE / "worker.py"), "worker", "-l", "info", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-n", f"{name}@faults", *(extra or ("--pool=solo",))],
            env=env, cwd=ROOT, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True)
        self.broker = env["CELERY_BROKER_URL"]

    def wait_ready(self, timeout: float = 60) -> None:
        """Ready when the worker logs "<name>@faults ready." (a broadcast ping over pub/sub proved
        unreliable in CI: the worker was consuming tasks while pings went unanswered)."""
        def answered():
            if self.process.poll() is not None:
                raise RuntimeError(f"worker {self.name} exited:\n" + self.log.read_text(errors="replace"))
            return f"{self.name}@faults ready." in self.log.read_text(errors="replace")

        wait_for(answered, timeout, f"Celery worker {self.name}")

    def kill(self) -> None:
        """SIGKILL the worker and every process it started: no cleanup, no ack, no reject."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log_file.close()

    def output(self) -> str:
        self._log_file.flush()
        return self.log.read_text(errors="replace")


class CeleryBeat:
    """celery beat with the project's schedule (fault_settings shortens the intervals it names)."""

    def __init__(self, env: dict, directory: Path):
        self.log = directory / "beat.log"
        self._log_file = open(self.log, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "ali_party", "beat", "-l", "info", "-s", str(directory / "beat-schedule"),
             "--pidfile", str(directory / "beat.pid")],
            env=env, cwd=ROOT, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log_file.close()


def shell(env: dict, code: str, timeout: float = 300) -> dict:
    """Run Python in `manage.py shell -c`; the code prints one JSON object as its last line."""
    import json

    output = manage(env, "shell", "-c", code, timeout=timeout)
    return json.loads(output.strip().splitlines()[-1])


# --------------------------------------------------------------------------- a browser, roughly
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies, CSRF token and form posts over real HTTP; redirects are returned, not followed."""

    def __init__(self, base: str, timeout: float = 30):
        self.base = base
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, Location header, body); status 0 when the server could not be reached."""
        body = None
        headers = {"Accept-Language": "zh-hans"}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf_token()}
            body = urllib.parse.urlencode(data).encode()
            headers["Referer"] = self.base + path
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return 0, "", ""

    def get(self, path: str) -> tuple[int, str, str]:
        return self.request(path)

    def post(self, path: str, data: dict) -> tuple[int, str, str]:
        if not self.csrf_token():
            self.get(path)
        return self.request(path, data)

    def csrf_token(self) -> str:
        return next((c.value for c in self.cookies if c.name == "csrftoken"), "")

    def login(self, username: str, password: str = DEMO_PASSWORD) -> int:
        self.get("/accounts/login/")
        status, location, _ = self.request("/accounts/login/", {"username": username, "password": password})
        if status != 302:
            raise AssertionError(f"login of {username} answered {status}")
        return status


def created_pk(location: str) -> int | None:
    """The pk in the detail URL a successful create redirects to."""
    match = re.search(r"/(\d+)/?$", urllib.parse.urlparse(location).path)
    return int(match.group(1)) if match else None
