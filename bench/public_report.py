"""What ``bench_public.py`` prints: the tables of a run (queries and time per
page, the load test with its verdicts per budget line, the profile and the
proposed fixes), apart from the measuring itself."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from _common import table
from bench_reporting import ms

DOWNLOADS = ("open_data_csv", "open_data_json", "open_data_dcat")
BUDGET_PAGES = (
    "search",
    "search ?q=",
    "search by contract area",
    "search page 50",
    "unit page",
)


def in_budget(name: str) -> bool:
    return any(
        name == b or (b.endswith("=") and name.startswith(b)) for b in BUDGET_PAGES
    )


def _ms_list(values: Sequence[float]) -> str:
    return " ".join(f"{v * 1000:.0f}" for v in values)


def report(label: str, pages: dict[str, Any], steps: dict[str, Any] | None) -> None:
    large, small = pages["large"], pages["small"]
    print(f"\n{label}: one request through the test client, anonymous, DEBUG=0")
    rows = []
    for name, page in large.items():
        other = small.get(name, {})
        rows.append(
            [
                name,
                page["status"],
                page["queries"],
                other.get("queries", "-"),
                "yes" if page["queries"] == other.get("queries") else "NO",
                page["conditional status"],
                page["conditional queries"],
                other.get("conditional queries", "-"),
                f"{page['bytes']:,}",
                "" if page["rows"] is None else f"{page['rows']:,}",
                ms(statistics.median(page["times"])),
                ms(statistics.median(page["sql"])),
                ms(statistics.median(other["times"])) if other else "-",
                ms(statistics.median(page["conditional times"])),
            ]
        )
    print(
        table(
            [
                "page",
                "status",
                "queries large",
                "small",
                "equal",
                "if-none-match",
                "queries large",
                "small",
                "bytes",
                "rows",
                "median large",
                "SQL (execute only)",
                "median small",
                "304 median",
            ],
            rows,
        )
    )
    labels = sorted({x for page in large.values() for x in page["splits"]})
    print(f"\n{label}, large city: where one request's time goes (median)")
    print(
        table(
            ["page", "total", *labels],
            [
                [
                    name,
                    ms(statistics.median(page["times"])),
                    *(
                        ms(page["splits"][x]) if x in page["splits"] else "-"
                        for x in labels
                    ),
                ]
                for name, page in large.items()
            ],
        )
    )
    for name, page in large.items():
        if page["slowest queries"] and (
            name in DOWNLOADS or statistics.median(page["times"]) > 0.05
        ):
            print(f"  {name}: slowest queries (ms) {page['slowest queries'][:2]}")
    if steps:
        print(f"\n{label}, large city: the open data step by step (median)")
        print(
            table(
                ["step", "median", "runs (ms)"],
                [
                    [name, ms(value), _ms_list(steps["runs"][name])]
                    for name, value in steps.items()
                    if name != "runs"
                ],
            )
        )


def report_load(label: str, found: dict[str, Any]) -> None:
    print(f"\n{label}: gunicorn, anonymous clients")
    rows = []
    for name, r in found["plain"].items():
        one = found["single"].get(name)
        rows.append(
            [
                name,
                r["n"],
                ms(r["p50"]),
                ms(r["p95"]),
                ms(r["max"]),
                ms(r["server cpu per request"]),
                ms(one["p50"]) if one else "-",
                ("met" if r["p95"] < 0.150 else "MISSED")
                if in_budget(name)
                else "(information)",
            ]
        )
    print(
        table(
            [
                "GET",
                "requests",
                "p50",
                "p95",
                "max",
                "server CPU/request",
                "1 client p50",
                "p95 < 150 ms",
            ],
            rows,
        )
    )
    rows = [
        [
            name,
            r["n"],
            ms(r["p50"]),
            ms(r["p95"]),
            ms(r["max"]),
            ms(r["server cpu per request"]),
            ms(found["single revalidate"][name]["p50"])
            if name in found["single revalidate"]
            else "-",
            "met" if r["p95"] < 0.030 and not r["wrong count"] else "MISSED",
        ]
        for name, r in found["revalidate"].items()
    ]
    print(
        table(
            [
                "If-None-Match",
                "requests",
                "p50",
                "p95",
                "max",
                "server CPU/request",
                "1 client p50",
                "304, p95 < 30 ms",
            ],
            rows,
        )
    )
    rows = [
        [
            name,
            f"{r['bytes']:,}",
            ms(statistics.median(r["one at a time"])),
            _ms_list(r["one at a time"]),
            ms(r["server cpu per request"]),
            ms(r["4 at once"]["p50"]),
            ms(r["4 at once"]["max"]),
            "met" if max(r["one at a time"]) < 2 else "MISSED",
        ]
        for name, r in found["downloads"].items()
    ]
    print(
        table(
            [
                "download",
                "bytes",
                "one at a time median",
                "runs (ms)",
                "server CPU",
                "4 at once p50",
                "max",
                "< 2 s",
            ],
            rows,
        )
    )


def report_experiment(label: str, found: dict[str, Any] | None) -> None:
    if not found:
        print("experiment failed")
        return
    print(
        f"\n{label}, large city: the search under each fix, in process, "
        f"interleaved (same districts as the product: {found['same districts']})"
    )
    rows = []
    for path, variants in found.items():
        if path == "same districts":
            continue
        for name, r in variants.items():
            rows.append([path, name, ms(r["median"]), ms(r["min"]), f"{r['bytes']:,}"])
    print(table(["page", "variant", "median", "min", "bytes"], rows))


def report_variants(label: str, found: dict[str, Any]) -> None:
    print(f"\n{label}: the search under each fix, gunicorn, anonymous clients")
    rows = [
        [
            variant,
            name,
            r["n"],
            ms(r["p50"]),
            ms(r["p95"]),
            ms(r["max"]),
            ms(r["server cpu per request"]),
            "met" if r["p95"] < 0.150 else "MISSED",
        ]
        for variant, pages in found.items()
        for name, r in pages.items()
    ]
    print(
        table(
            [
                "variant",
                "GET",
                "requests",
                "p50",
                "p95",
                "max",
                "server CPU/request",
                "p95 < 150 ms",
            ],
            rows,
        )
    )
