"""A server certificate that did not verify, said in Chinese with the option to change.

One wording for every TLS client yuqing runs over a socket of its own (the complaint mailbox,
the report mailer): `where` is the config path of the options (`sources[mailbox].options`,
`reports.smtp`), so the message names `ca_file`/`host` where the operator writes them.
"""

from __future__ import annotations

import ssl


def certificate_problem(exc: ssl.SSLCertVerificationError, host: str, where: str) -> str:
    """Why the server's certificate was not accepted and what to change."""
    said = exc.verify_message or str(exc)
    if "mismatch" in said:  # "Hostname mismatch, …" / "IP address mismatch, …"
        return (
            f"服务器证书上的主机名与 {where}.host（{host}）不符（{said}）："
            "host 改用证书上的主机名，或请服务器管理员为这个名字签发证书"
        )
    if "expired" in said:
        return f"服务器证书已过期（{said}）：请服务器管理员更新证书"
    return (
        f"服务器证书无法验证（{said}）：公司自建服务器的证书若由内部 CA 签发，"
        f"用 {where}.ca_file 写上该 CA 证书（PEM）的路径"
    )


def ca_file_problem(path: str) -> str | None:
    """Why `path` cannot serve as the CA file of a TLS client, or None."""
    try:
        ssl.create_default_context(cafile=path)
    except FileNotFoundError:
        return f"找不到文件 {path}：写上签发服务器证书的 CA 证书路径"
    except (OSError, ssl.SSLError) as exc:
        return f"{path} 不是可读的 PEM 格式 CA 证书（{exc}）"
    return None
