"""Run `flask ARGS…` in this process and write its peak resident memory (MB) to PATH.

Usage: python bench/peak.py PATH ARGS…  (used by bench/scale.py)

The peak is VmHWM of /proc/self/status: the high-water mark of this process's own memory
since it started (ru_maxrss would also count the parent's pages it was forked with).
"""

from __future__ import annotations

import sys
from pathlib import Path


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    out = Path(sys.argv[1])
    sys.argv = ["flask", *sys.argv[2:]]
    try:
        from flask.cli import main

        main()
    finally:
        out.write_text(f"{peak_mb():.1f}")
