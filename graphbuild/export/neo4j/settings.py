"""Where to export to, and what to tell the user when it fails.

Connection settings come from options or the environment; the password only
from ``NEO4J_PASSWORD`` (or a prompt), never from a command line.  Every
failure becomes one :class:`Neo4jExportError` line without the password.

A URI with credentials in it (``bolt://neo4j:secret@host``) is refused: it
would put the password on a command line or in a shell history, and the
driver echoes URIs in its errors.  Messages show such a URI as
``bolt://***@host``, and never the password's value, wherever it was put.
"""

from __future__ import annotations

import getpass
import os
import re
import sys
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, SecretStr

from graphbuild.errors import ExportError

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
#: Seconds to wait for the server to accept a connection and answer the Bolt handshake and the login
#: (``NEO4J_TIMEOUT``, ``--timeout``): a port that accepts connections and then says nothing fails after it.
DEFAULT_TIMEOUT = 30.0

#: URI schemes of the Bolt protocol (the driver's preview HTTP support is not used).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jExportError(ExportError):
    """A one-line, user-facing error; the CLI prints ``Error: <message>`` and exits 1 (2 where
    the graph or the folder given is what is wrong).

    The message never contains the password.
    """

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message, exit_code=exit_code)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Neo4jSettings(BaseModel):
    """Where to export to.  ``password`` is a ``SecretStr``: it never shows in reprs."""

    model_config = ConfigDict(frozen=True)

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: SecretStr = SecretStr("")
    database: str | None = None
    timeout: float = DEFAULT_TIMEOUT


def connection_from_env(
    uri: str | None = None,
    user: str | None = None,
    database: str | None = None,
    *,
    timeout: float | None = None,
    environ: Mapping[str, str] | None = None,
    prompt: bool = True,
) -> Neo4jSettings:
    """Connection settings from arguments, falling back to the environment.

    ``uri``/``user``/``database``/``timeout`` come from the arguments (CLI options) or from
    ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_DATABASE``/``NEO4J_TIMEOUT``; defaults are
    ``bolt://localhost:7687``, ``neo4j`` and 30 seconds; no database means the server's
    default database.  The password only ever comes from ``NEO4J_PASSWORD``
    or, when stdin is a terminal and ``prompt`` is true, from an interactive
    prompt; otherwise :class:`Neo4jExportError` is raised.
    """
    env = os.environ if environ is None else environ
    uri = uri or env.get("NEO4J_URI") or DEFAULT_URI
    user = user or env.get("NEO4J_USER") or DEFAULT_USER
    database = database or env.get("NEO4J_DATABASE") or None
    timeout = timeout if timeout is not None else _seconds(env.get("NEO4J_TIMEOUT"))
    password = env.get("NEO4J_PASSWORD")
    check_uri(uri, password)
    if not password:
        if prompt and sys.stdin is not None and sys.stdin.isatty():
            password = getpass.getpass(f"Neo4j password for {user}@{uri}: ")
        if not password:
            raise Neo4jExportError(
                "no Neo4j password: set NEO4J_PASSWORD (the password is never taken from the command line)"
            )
    return Neo4jSettings(uri=uri, user=user, password=SecretStr(password), database=database, timeout=timeout)


def _seconds(text: str | None) -> float:
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 1e6:
        raise Neo4jExportError(f"NEO4J_TIMEOUT must be a number of seconds above 0, not {text!r}")
    return seconds


def check_uri(uri: str, password: str | SecretStr | None = None) -> None:
    """Raise :class:`Neo4jExportError` unless ``uri`` is a Bolt URI without credentials in it.

    The message shows the URI redacted (:func:`redact_uri`) and without ``password``.
    """
    shown = scrub(redact_uri(uri), password)
    if _userinfo_end(uri) >= 0:
        raise Neo4jExportError(
            f"credentials in the Neo4j URI are not supported ({shown}): give the user with --user or "
            "NEO4J_USER and the password in NEO4J_PASSWORD"
        )
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise Neo4jExportError(
            f"invalid Neo4j URI {shown!r}: expected one of {', '.join(s + '://' for s in BOLT_SCHEMES)}"
        )


def redact_uri(uri: str) -> str:
    """``uri`` with any ``user:password@`` part shown as ``***@``."""
    end = _userinfo_end(uri)
    if end < 0:
        return uri
    start = uri.index("://") + 3 if "://" in uri else 0
    return uri[:start] + "***" + uri[end:]


def _userinfo_end(uri: str) -> int:
    """Index of the "@" that ends a URI's userinfo, or -1.  The last "@" counts: a password may
    contain "@" or "/", which a URL parser would misread as the host or the path."""
    return uri.rfind("@")


def scrub(message: str, password: str | SecretStr | None) -> str:
    """``message`` with every occurrence of ``password`` replaced by ``***``."""
    plain = password.get_secret_value() if isinstance(password, SecretStr) else password
    return message.replace(plain, "***") if plain else message


# --------------------------------------------------------------------------- #
# errors
# --------------------------------------------------------------------------- #


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_failure(
    exc: BaseException, *, uri: str, user: str, database: str | None, stage: str, timeout: float = DEFAULT_TIMEOUT
) -> str:
    """One-line message for a driver exception (no password: the driver never puts it there)."""
    from neo4j import exceptions as nx4j

    db = repr(database) if database else "the default database"
    code = getattr(exc, "code", None) or ""
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, nx4j.AuthError) or code.endswith(".Unauthorized"):
        return f"Neo4j authentication failed for user {user!r} at {uri} (check NEO4J_USER / NEO4J_PASSWORD)"
    if code == "Neo.ClientError.Database.DatabaseNotFound" or (
        isinstance(exc, nx4j.Forbidden) and "database" in message.lower()
    ):
        return f"Neo4j database {db} does not exist at {uri} or user {user!r} may not access it"
    if isinstance(exc, nx4j.ServiceUnavailable | nx4j.SessionExpired):
        return _unreachable(exc, uri, timeout)
    if isinstance(exc, nx4j.ConfigurationError | ValueError):
        return f"invalid Neo4j connection settings for {uri!r}: {_one_line(exc, 200)}"
    if isinstance(exc, nx4j.Neo4jError):
        return f"Neo4j error while {stage}: {code or type(exc).__name__}: {_one_line(message)}"
    return f"Neo4j export failed while {stage}: {type(exc).__name__}: {_one_line(exc)}"


def _unreachable(exc: BaseException, uri: str, timeout: float) -> str:
    """Why a connection failed, told apart by what the driver saw: TLS, a silent port, or no server."""
    text = " ".join(_messages(exc))
    encrypted = uri.split("://", 1)[0].lower().endswith(("+s", "+ssc"))
    if "certificate verify failed" in text or "CERTIFICATE_VERIFY_FAILED" in text:
        return (
            f"the TLS certificate of the Neo4j server at {uri} is not trusted: install its CA, or use "
            f"{uri.split('://', 1)[0].split('+')[0]}+ssc:// for a self-signed certificate"
        )
    if encrypted and ("SSL" in text or "encrypted connection" in text):
        plain = uri.split("://", 1)[0].split("+")[0]
        return (
            f"TLS handshake with the Neo4j server at {uri} failed: the server does not speak TLS on that port; use "
            f"{plain}:// for a server without encryption, or turn on TLS for Bolt on the server"
        )
    if "handshake" in text or "timed out" in text:
        hint = "" if encrypted else ", and whether the server requires TLS (bolt+s://)"
        return (
            f"the server at {uri} accepted the connection but did not answer as a Bolt server within {timeout:g} s "
            f"(NEO4J_TIMEOUT): check that it is Neo4j's Bolt port (7687, not the HTTP port 7474){hint}"
        )
    reason = re.search(r"reason (.*?)\)?$", str(exc).strip().splitlines()[-1])
    detail = f" ({_one_line(reason.group(1), 120)})" if reason else ""
    return f"cannot reach the Neo4j server at {uri}{detail}; is it running?"


def _messages(exc: BaseException | None, depth: int = 0) -> list[str]:
    """The messages of an exception, its causes and (for an exception group) its members."""
    if exc is None or depth > 8:
        return []
    found = [str(exc)]
    for inner in getattr(exc, "exceptions", ()):
        found += _messages(inner, depth + 1)
    return found + _messages(exc.__cause__ or exc.__context__, depth + 1)
