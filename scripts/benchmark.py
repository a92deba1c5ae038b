"""Report Panels' speed figures side by side with a hello-world baseline, in one run.

make benchmark (or: python scripts/benchmark.py; PostgreSQL figures when
PANELS_TEST_DATABASE_URL names one, e.g. through scripts/with-postgres.sh).
Prints a table; asserts nothing (machines are noisy). The code is in scripts/bench/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench.run import main  # noqa: E402

if __name__ == "__main__":
    main()
