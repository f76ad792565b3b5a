"""typer's CliRunner with stderr kept apart from stdout, on every click version."""

from __future__ import annotations

from typer.testing import CliRunner


def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()
