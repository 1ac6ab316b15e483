"""A throw-away dovecot IMAP server for the tests (Debian's dovecot-imapd, one user): plain IMAP,
or IMAPS only (993-style, TLS from the first byte) with a certificate the test issues."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.tls import ServerFiles

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "complaints", "s3cret"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _users() -> dict[str, object]:
    """Root runs mail as nobody and logins as dovenull; anyone else runs everything as self."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return {"internal": "dovecot", "internal_group": "dovecot", "login": "dovenull",
                "uid": nobody.pw_uid, "gid": nobody.pw_gid}  # fmt: skip
    me = pwd.getpwuid(os.geteuid())
    return {"internal": me.pw_name, "internal_group": me.pw_name, "login": me.pw_name,
            "uid": me.pw_uid, "gid": me.pw_gid}  # fmt: skip


class Dovecot:
    """Starts `dovecot -F -c <tmp>/dovecot.conf` and stops it again."""

    def __init__(self, tls: ServerFiles | None = None) -> None:
        # not under pytest's tmp_path: its 0700 parents would lock out dovecot's login user
        self.root = Path(tempfile.mkdtemp(prefix="yuqing-dovecot-"))
        self.port = free_port()
        self.tls = tls
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Dovecot:
        """Write the config, start the server, wait until it accepts connections."""
        users = _users()
        os.chmod(self.root, 0o755)
        for name in ("mail", "home"):
            (self.root / name).mkdir()
            os.chown(self.root / name, int(users["uid"]), int(users["gid"]))  # type: ignore[call-overload]
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        config = self.root / "dovecot.conf"
        if self.tls is None:
            tls_lines, ports = "ssl = no", {"imap_port": self.port, "imaps_port": 0}
        else:  # the key is read by dovecot's master process (root), not by the login user
            tls_lines = f"ssl = required\nssl_cert = <{self.tls.cert}\nssl_key = <{self.tls.key}"
            ports = {"imap_port": 0, "imaps_port": self.port}
        config.write_text(CONFIG.format(root=self.root, ssl=tls_lines, **ports, **users))
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)])
        self._wait()
        return self

    def _wait(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    if self.tls is not None:  # the greeting comes after the handshake
                        context = ssl.create_default_context(cafile=str(self.tls.ca))
                        with context.wrap_socket(conn, server_hostname="127.0.0.1") as secure:
                            if secure.recv(64).startswith(b"* OK"):
                                return
                    elif conn.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.1)
        log = self.root / "dovecot.log"
        raise RuntimeError(f"dovecot did not start: {log.read_text() if log.exists() else ''}")

    def stop(self) -> None:
        """Terminate the server and remove its files."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)


def email_source(dovecot: Dovecot, **options: object) -> dict[str, object]:
    """The complaint mailbox source on this server (password from YUQING_TEST_IMAP_PASSWORD)."""
    base = {"host": "127.0.0.1", "port": dovecot.port, "ssl": False, "username": USER}
    base |= {"password_env": "YUQING_TEST_IMAP_PASSWORD", "plans": ["xwf"], "batch_size": 2}
    return {"name": "mailbox", "type": "email", "options": {**base, **options}}
