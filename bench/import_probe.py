"""Child of the benchmark: import a workbook into a new, empty database in a fresh process and print the
seconds it took and the process's peak memory, as JSON: `python -m bench.import_probe BOOK.xlsx EMPTY.db`."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(book: Path, database: Path) -> None:
    from dangjian_desktop.common.names import build_search_key
    from dangjian_desktop.excel.importer import import_workbook
    from dangjian_desktop.excel.reader import read_workbook  # noqa: F401 - imported before the clock starts
    from dangjian_desktop.store.session import open_session

    open_session(database, writer=False)
    build_search_key(["王伟"])  # pypinyin loaded (0.25 s), as in the window, where the member list has loaded it
    started = time.perf_counter()
    report = import_workbook(book)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rows": sum(report.counts.values()), "written": report.written,
                      "problems": [str(p) for p in report.problems[:3]],
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
