"""A second clerk, in a process of its own: reads each person, then saves them at an agreed instant
(`python -m tests.safety.save_at FOLDER URL START LABEL ID...`); prints one line per save: ok or stale."""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from desktop.services.citizens import CitizenError
from desktop.services.desk import open_register

STEP = 0.25  # seconds between two people's instants


def wait_until(at: float) -> None:
    while time.time() < at:  # the last stretch spun, so both processes leave within microseconds
        if at - time.time() > 0.01:
            time.sleep(0.005)


def sheets(folder: str, url: str, start: str, label: str, *ids: str) -> None:
    """The same for learning families' score sheets: the version read at the sheet's opening goes with its save."""
    from desktop.domain.models387 import Model
    from desktop.services.model_cycle import ModelCycleError

    register = open_register(Path(folder), url or None)
    cycle = register.model_cycle(Model.FAMILY)
    try:
        for i, eid in enumerate(int(x) for x in ids):
            sheet = cycle.sheet(eid)
            score = 20 if label == "A" else 19
            wait_until(float(start) + i * STEP)
            try:
                cycle.record_self(eid, {c.code: score for c in sheet.criteria.criteria}, sheet.version)
                print("ok", flush=True)
            except ModelCycleError:
                print("stale", flush=True)
    finally:
        register.close()


def main(folder: str, url: str, start: str, label: str, *ids: str) -> None:
    if ids and ids[0] == "--sheets":
        sheets(folder, url, start, label, *ids[1:])
        return
    register = open_register(Path(folder), url or None)
    try:
        for i, cid in enumerate(int(x) for x in ids):
            record = register.citizens.get(cid)
            draft = dataclasses.replace(record.draft, occupation=f"{label} {i}")
            wait_until(float(start) + i * STEP)
            try:
                saved = register.citizens.update(cid, record.version, draft, accept_warnings=True).saved
                print("ok" if saved else "refused", flush=True)
            except CitizenError:
                print("stale", flush=True)
    finally:
        register.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
