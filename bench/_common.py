"""Shared by the benchmark scripts: fresh databases, timing, a small table."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "bench" / "out" / "city-10k.xlsx"
# ``python3 -m uv run`` as the README says; under ``uv run`` itself, uv names its
# own executable in $UV (sys.executable is then the venv's Python, without uv).
UV_RUN = (
    [os.environ["UV"], "run"]
    if os.environ.get("UV")
    else ["python3", "-m", "uv", "run"]
)


def machine() -> str:
    """What the figures were measured on, and how busy it was."""
    import platform
    import sqlite3

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, load average {load}"
    )


def median_of[T](runs: int, measure: Callable[[], T]) -> tuple[float, list[float], T]:
    """Run ``measure`` ``runs`` times; the median wall time, every time, the last
    result."""
    times: list[float] = []
    result: T | None = None
    for _ in range(runs):
        started = time.perf_counter()
        result = measure()
        times.append(time.perf_counter() - started)
    assert result is not None
    return statistics.median(times), times, result


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def seconds(value: float) -> str:
    return f"{value:.2f} s"


class Database:
    """A throw-away database: SQLite in a temporary var dir, or a PostgreSQL
    database (dropped and created again by ``reset``). Never /work/main/var."""

    def __init__(self, database_url: str | None) -> None:
        self.url = database_url
        self.var_dir = Path(tempfile.mkdtemp(prefix="foljsam-bench-"))
        if self.url:
            parts = urlsplit(self.url)
            self.name = parts.path.lstrip("/")
            if not self.name or self.name in {"postgres", "template0", "template1"}:
                raise SystemExit(f"Use a database of your own, not {self.url!r}.")
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))

    @property
    def label(self) -> str:
        return "PostgreSQL" if self.url else "SQLite"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["FOLJSAM_VAR_DIR"] = str(self.var_dir)
        env.pop("DATABASE_URL", None)
        if self.url:
            env["DATABASE_URL"] = self.url
        return env

    def apply_env(self) -> None:
        """For in-process use: call before ``django.setup()``."""
        os.environ.clear()
        os.environ.update(self.env())

    def reset(self) -> None:
        """An empty database (not yet migrated)."""
        if self.url:
            for sql in (
                f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)',
                f'CREATE DATABASE "{self.name}"',
            ):
                subprocess.run(  # noqa: S603
                    ["psql", "-q", self.admin_url, "-c", sql],  # noqa: S607
                    check=True,
                    env={**os.environ, "PGOPTIONS": "--client-min-messages=warning"},
                )
        else:
            shutil.rmtree(self.var_dir, ignore_errors=True)
            self.var_dir.mkdir(parents=True)

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real ``foljsam`` console script against this database."""
        return self._run(["foljsam", *args], f"foljsam {' '.join(args)}")

    def script(self, path: str, *args: str) -> Any:
        """Run a benchmark script (its in-process part) against this database; what
        it printed as JSON on its last line."""
        done = self._run(["python", path, *args], Path(path).name)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def _run(self, command: list[str], what: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(  # noqa: S603
            [*UV_RUN, *command],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"{what} failed ({done.returncode})")
        return done

    def cleanup(self) -> None:
        shutil.rmtree(self.var_dir, ignore_errors=True)
