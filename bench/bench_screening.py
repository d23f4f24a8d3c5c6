"""Issue 9's budget: "A campaign of 500 providers sends in under a minute of
worker time. Its progress page stays constant in queries."

Runs ``screening_measure.py`` on fresh databases (SQLite, and PostgreSQL with
``--database-url``), for each number of providers in ``--providers``, with the
e-mail going over SMTP to a local sink (aiosmtpd, started here; ``uv run
--with aiosmtpd``), so that the worker's time includes talking SMTP as in
production. Prints a table and writes every figure to
``bench/out/bench-screening-results.json``.

    python3 -m uv run python bench/bench_screening.py \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_screening
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, UV_RUN, Database, machine, table

SMTP_PORT = 8025


def _sink() -> subprocess.Popen[bytes]:
    process = subprocess.Popen(  # noqa: S603
        [
            *UV_RUN,
            "--with",
            "aiosmtpd",
            "python",
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{SMTP_PORT}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", SMTP_PORT), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("The SMTP sink did not start.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--providers", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--answered-share", type=float, default=0.4)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    urls = ([] if args.no_sqlite else [None]) + (
        [args.database_url] if args.database_url else []
    )
    sink = _sink()
    results = []
    try:
        for url in urls:
            for count in args.providers:
                db = Database(url)
                db.reset()
                env_extra = {
                    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "EMAIL_HOST": "127.0.0.1",
                    "EMAIL_PORT": str(SMTP_PORT),
                }
                base_env = db.env

                def env(base_env=base_env, env_extra=env_extra) -> dict[str, str]:
                    return {**base_env(), **env_extra}

                db.env = env  # type: ignore[method-assign]
                found = db.script(
                    "bench/screening_measure.py",
                    "--providers",
                    str(count),
                    "--answered",
                    str(int(count * args.answered_share)),
                    "--runs",
                    str(args.runs),
                )
                found["database"] = db.label
                results.append(found)
    finally:
        sink.terminate()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench-screening-results.json").write_text(
        json.dumps({"machine": machine(), "results": results}, indent=2)
    )
    print(machine())
    print(
        table(
            [
                "database",
                "providers",
                "worker: send",
                "answered",
                "progress q",
                "detail q / ms",
                "triage q / ms",
                "reminders",
            ],
            [
                [
                    r["database"],
                    r["providers"],
                    f"{r['worker_send_s']:.2f} s",
                    r["answered"],
                    r["progress"]["queries"],
                    _page(r, "detail"),
                    _page(r, "triage"),
                    f"{r['reminders']['count']} in {r['reminders']['s']:.2f} s",
                ]
                for r in results
            ],
        )
    )


def _page(result: dict, name: str) -> str:
    page = result["pages"].get(name, {})
    if "queries" not in page:
        return str(page.get("status", "-"))
    return f"{page['queries']} / {page['ms']:.0f}"


if __name__ == "__main__":
    main()
