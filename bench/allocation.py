"""Benchmark: allocating 300 seats over 50,000 cells, each method, against `apportionment`.

    python bench/allocation.py [--cells 50000] [--seats 300] [--repeat 7] [--seed 2025]

Prints, for each method, the median time of `governance.rules.apportion` and, in the same
run and on the same input, of the `apportionment` package from PyPI (pinned in
requirements-dev.txt), the ratio, and where the two answers differ (ties included:
`apportionment` breaks a tie silently; ours reports it). Goal (issue 10): Hamilton ≤ 10 ms
and ≥ 10× faster than `apportionment`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from governance.rules.apportion import allocate_seats_with_working as apportion

THEIRS = {
    "hamilton": "largest_remainder",
    "dhondt": "dhondt",
    "sainte_lague": "saintelague",
    "huntington_hill": "huntington",
}


def median_ms(call, repeat: int) -> tuple[float, float, object]:
    """Median and best CPU time of the process (the machine is shared: wall time counts
    the others, and the best run is the one least disturbed by them)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = call()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), min(times), result


def cells(n: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    # Cells of 3 to 400 members, a few large committees of up to 5,000.
    return {
        f"Chi bộ {i:05d}": (rng.randint(3, 400) if rng.random() < 0.98 else rng.randint(400, 5000))
        for i in range(n)
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cells", type=int, default=50_000)
    parser.add_argument("--seats", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    members = cells(args.cells, args.seed)
    values = list(members.values())
    labels = list(members)  # theirs names parties by letters unless told
    try:
        from apportionment.methods import compute
    except ImportError:  # pragma: no cover - the dev requirements pin it
        compute = None
        print("apportionment is not installed: pip install -r requirements-dev.txt")
    print(
        f"{args.cells} cells, {sum(values)} members, {args.seats} seats, "
        f"median CPU time of {args.repeat} runs; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print(
        f"{'method':<16}{'ours ms':>9}{'best':>7}{'theirs ms':>11}{'best':>8}{'ratio':>8}"
        "  differences"
    )
    for method, their_name in THEIRS.items():
        ours_ms, ours_best, ours = median_ms(
            lambda m=method: apportion(members, args.seats, m), args.repeat
        )
        line = f"{method:<16}{ours_ms:>9.2f}{ours_best:>7.2f}"
        if compute is None:
            print(line)
            continue
        theirs_ms, theirs_best, theirs = median_ms(
            lambda n=their_name: compute(n, values, args.seats, parties=labels),
            max(1, min(args.repeat, 3)),
        )
        ratio = theirs_ms / ours_ms
        note = differences(ours, theirs)
        print(f"{line}{theirs_ms:>11.1f}{theirs_best:>8.1f}{ratio:>7.1f}×  {note}")


def differences(ours, theirs) -> str:
    pairs = zip(ours.won.items(), theirs, strict=True)
    different = [name for (name, a), b in pairs if a != b]
    tied = set(ours.tied)
    outside = [name for name in different if name not in tied]
    note = f"{len(different)} cells differ"
    if ours.tied:
        note += (
            f"; ours reports a tie of {len(ours.tied)} cells for {ours.to_decide} seat(s)"
            f" (theirs broke it silently); {len(outside)} differ outside the tie"
        )
    if outside:
        note += f" ({', '.join(f'{n}: ours {ours.won[n]}' for n in outside[:3])})"
    return note


if __name__ == "__main__":
    main()
