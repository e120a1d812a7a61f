"""Benchmark: a 4-page resolution with a 60-line appendix, app renderer vs plain docxtpl.

    python bench/documents.py [--n 1000] [--plain 50]

Prints the median time per document for each, documents per second, the speed-up, and the
memory growth (tracemalloc and RSS) over N documents with the app's renderer.
Goals (issue 5): ≤ 8 ms per resolution, ≥ 4× plain docxtpl, < 20 MiB growth over 1,000.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from governance.documents import compose, samples
from governance.documents.render import render_plain_docxtpl


def resolution():
    # Three articles and a 60-line appendix on its own page: 4 A4 pages in LibreOffice (at
    # least the 3 asked). The vote record is no longer printed (issue 9: no annex by default).
    from governance.documents.contexts import AnnexLine

    context = samples.resolution("state", annex=True)
    context.annexes[0].lines = [
        AnnexLine(text=f"{i}. Cơ quan, đơn vị số {i} thuộc Ủy ban nhân dân xã", heading=i % 10 == 1)
        for i in range(1, 61)
    ]
    context.number = "Số: 05/NQ-HĐND"
    return context


def timed(function, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--plain", type=int, default=50)
    args = parser.parse_args()
    context = resolution()
    path = compose.template_path("resolution_state")

    def fast() -> bytes:  # what the app does per document: context → data → .docx
        return compose.compose(context)

    def plain() -> bytes:
        return render_plain_docxtpl(path, compose.render_data(context))

    fast()  # compile and cache the template once, as the app does
    plain_times = timed(plain, args.plain)
    rss_before = rss_mib()
    fast_times = timed(fast, args.n)  # timing without tracemalloc: it slows Python down
    rss_after = rss_mib()
    tracemalloc.start()
    before, _peak = tracemalloc.get_traced_memory()
    timed(fast, args.n)
    after, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    fast_ms = statistics.median(fast_times) * 1000
    plain_ms = statistics.median(plain_times) * 1000
    size = len(fast())
    print(f"resolution: 60-line appendix, {size / 1024:.0f} KiB .docx")
    print(f"app renderer:  median {fast_ms:.2f} ms/doc, {1000 / fast_ms:.0f} docs/s (n={args.n})")
    print(
        f"plain docxtpl: median {plain_ms:.2f} ms/doc, {1000 / plain_ms:.0f} docs/s "
        f"(n={args.plain})"
    )
    print(f"speed-up: {plain_ms / fast_ms:.1f}x")
    print(
        f"memory growth over {args.n} docs: tracemalloc {(after - before) / 2**20:.2f} MiB, "
        f"max RSS {rss_after - rss_before:.2f} MiB"
    )
    goals = fast_ms <= 8 and plain_ms / fast_ms >= 4 and (after - before) < 20 * 2**20
    print("goals met" if goals else "GOALS NOT MET")


if __name__ == "__main__":
    main()
