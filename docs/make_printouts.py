"""Page images of every printout of the demo year, for reading them as an inspector would.

Run from the repository root: `python docs/make_printouts.py` (needs poppler's `pdftoppm`; the Word summary
also needs `libreoffice` and is skipped without it). Writes the demo database in a temporary folder, builds
each printout, and replaces `docs/printouts/` with `<printout>-<page>.png` at 60 dpi (a register book only
its first pages). Run it again whenever a printout changes, look at the pages, and commit them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "printouts"
YEAR = 2025
LONG = {"registers": 4, "talk-records": 2}  # a long printout: its first pages are enough to see its layout


def meetings_to_print() -> dict[str, int]:
    """A 支部党员大会 with absences (its sign-in sheet shows reasons), a 党小组会, a member behind with dues, one who
    transferred out."""
    from dangjian_desktop.store.models import Attendance, Meeting

    with_leave = (Meeting.select(Meeting.id).join(Attendance)
                  .where(Meeting.kind == "支部党员大会", Attendance.status != "出席").order_by(Meeting.date))
    group = Meeting.select(Meeting.id).where(Meeting.kind == "党小组会").order_by(Meeting.date)
    from dangjian_desktop.queries.dues import members_behind
    from dangjian_desktop.store.models import PartyEvent

    behind = members_behind()  # the demo's member three months behind: his proof names the months owed
    leaver = PartyEvent.get(PartyEvent.kind == "转出").member_id  # her introduction letter
    return {"branch": with_leave.first().id, "group": group.first().id, "behind": behind[0].member_id,
            "leaver": leaver}


def printouts() -> list[tuple[str, str, dict]]:
    """(file stem, report kind, arguments) of every printout."""
    chosen = meetings_to_print()
    return [
        ("summary", "summary", {"year": YEAR}),
        ("summary-docx", "summary", {"year": YEAR, "fmt": "docx"}),
        ("register", "register", {"meeting_id": chosen["branch"]}),
        ("register-group", "register", {"meeting_id": chosen["group"]}),
        ("signin", "signin", {"meeting_id": chosen["branch"]}),
        ("registers", "registers", {"year": YEAR}),
        ("roster", "roster", {"year": YEAR}),
        ("activities", "activities", {"year": YEAR}),
        ("bases", "bases", {"year": YEAR}),
        ("rectifications", "rectifications", {"year": YEAR}),
        ("compliance", "compliance", {"year": YEAR}),
        ("development", "development", {}),
        ("dues", "dues", {"year": YEAR}),
        ("remittances", "remittances", {"year": YEAR}),
        ("dues-proof", "dues-proof", {"member_id": chosen["behind"]}),
        ("appraisal", "appraisal", {"year": YEAR}),
        ("appraisal-ballot", "appraisal-ballot", {"year": YEAR}),
        ("talks", "talks", {"year": YEAR}),
        ("talk-records", "talk-records", {"year": YEAR}),
        ("transfers", "transfers", {"year": YEAR}),
        ("transfer-letter", "transfer-letter", {"member_id": chosen["leaver"]}),
        ("statistics", "statistics", {"year": YEAR}),
    ]


def to_pages(document: Path, stem: str) -> list[Path]:
    pdf = document
    if document.suffix == ".docx":
        if shutil.which("libreoffice") is None:
            print(f"  {stem}: libreoffice not found, skipped")
            return []
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(document.parent),
                        str(document)], check=True, capture_output=True)
        pdf = document.with_suffix(".pdf")
    last = ["-l", str(LONG[stem])] if stem in LONG else []
    subprocess.run(["pdftoppm", "-png", "-r", "60", *last, str(pdf), str(OUT / stem)], check=True)
    return sorted(OUT.glob(f"{stem}-*.png"))


def main() -> None:
    from dangjian_desktop.demo.builder import write_demo
    from dangjian_desktop.reports.registry import build_report
    from dangjian_desktop.store.connection import close_database

    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm not found: install poppler-utils")
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        write_demo(work_dir / "demo.db")
        try:
            for stem, kind, args in printouts():
                fmt = args.get("fmt", "pdf")
                document = build_report(kind, work_dir / f"{stem}.{fmt}", **args)
                pages = to_pages(document, stem)
                print(f"  {stem}: {len(pages)} page image(s)")
        finally:
            close_database()


if __name__ == "__main__":
    main()
