"""A throwaway PostgreSQL server for tests: initdb into a temp dir, pg_ctl start, stop at the end.

As root the server runs as the `postgres` OS user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

from tests.support.tls import ServerFiles


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<v>/bin holding postgres, or None."""
    candidates = glob.glob("/usr/lib/postgresql/*/bin/postgres")
    if not candidates:
        return None
    newest = max(candidates, key=lambda p: int(Path(p).parent.parent.name))
    return Path(newest).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One private cluster on a free port with trust auth for the `postgres` role (or, given a
    password, password auth: scram-sha-256 as a production server has it)."""

    def __init__(
        self, bindir: Path, password: str | None = None, tls: ServerFiles | None = None
    ) -> None:
        self.bindir = bindir
        self.password = password
        self.tls = tls
        self.root = Path(tempfile.mkdtemp(prefix="yuqing-pg-"))
        self.port = _free_port()
        self.run_as = "postgres" if os.geteuid() == 0 else None

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        """initdb and start; raises CalledProcessError with the server's output on failure."""
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        data = self.root / "data"
        auth = ["--auth=trust"]
        if self.password is not None:
            secret = self.root / "password"
            secret.write_text(self.password, encoding="utf-8")
            if self.run_as:
                entry = pwd.getpwnam(self.run_as)
                os.chown(secret, entry.pw_uid, entry.pw_gid)
            auth = ["--auth=scram-sha-256", f"--pwfile={secret}"]
        self._run(
            "initdb",
            "-D",
            str(data),
            "-U",
            "postgres",
            *auth,
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        if self.tls is not None:
            options += self._require_tls(data)
        self._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "log"), "-w", "start"
        )

    def _require_tls(self, data: Path) -> str:
        """Certificate and key in the data dir (the server wants its key private and its own);
        pg_hba accepts TCP only over TLS, as a server that requires it is set up. Returns the
        server options that switch TLS on."""
        assert self.tls is not None
        for source, name in ((self.tls.cert, "server.crt"), (self.tls.key, "server.key")):
            target = data / name
            shutil.copyfile(source, target)
            target.chmod(0o600)
            if self.run_as:
                entry = pwd.getpwnam(self.run_as)
                os.chown(target, entry.pw_uid, entry.pw_gid)
        method = "scram-sha-256" if self.password is not None else "trust"
        (data / "pg_hba.conf").write_text(
            f"local all all trust\n"
            f"hostssl all all 127.0.0.1/32 {method}\n"
            f"hostnossl all all 127.0.0.1/32 reject\n",
            encoding="utf-8",
        )
        return " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of a database on this server."""
        secret = f":{self.password}" if self.password is not None else ""
        return f"postgresql+psycopg://postgres{secret}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        if self.password is not None:
            dsn += f" password={self.password}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and delete its files."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
