"""Search-as-you-type in the entry list, through the real window, offscreen.

    python benchmarks/bench_search.py --entries 10000 [--json FILE]

Opens the real main window (``trackrecord.ui.shell.app.build_main_window``) on a copy of a shared
synthetic store and types into the search box with ``QTest.keyClick``. Two measurements:

1. Per keystroke, worst case (a person who pauses after every key, so every key searches):
   the UI-thread work — the key press, starting the search (``controller.search_now``, what
   the debounce timer calls), applying its result (model, counts, selection, editor) and the
   repaint — and the latency until the results are painted (the query itself runs in a
   worker thread). p50 / p95 / max in milliseconds.
2. A stall detector: a 5 ms QTimer records the longest gap between its ticks while a scripted
   typist types the same words at 90 ms a key with pauses between words, all through the
   event loop (debounce included). A gap over 50 ms means the window froze.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import percentiles, write_json  # noqa: E402
from synthetic import cached_store, fresh_copy  # noqa: E402

WORDS = ["scaling", "kubernetes", "incident response", "mentoring", "latency p99",
         "checkout", "postgres migration", "zzz nothing"]
TICK_MS = 5
KEY_MS = 90
PAUSE_MS = 400


def run(entries: int) -> dict[str, float | int]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from trackrecord.core.store.db import open_store
    from trackrecord.ui.shell.app import build_main_window, create_application

    app = create_application()
    with tempfile.TemporaryDirectory(prefix="trackrecord-search-") as tmp:
        paths = fresh_copy(cached_store(entries), Path(tmp) / "data")
        store = open_store(paths)
        window = build_main_window(store, paths)
        try:
            window.resize(1100, 720)
            window.show()
            QTest.qWaitForWindowExposed(window)
            search = window.page.filters.search
            controller = window.controller
            search.setFocus()

            def settle() -> None:
                for _ in range(3):
                    app.processEvents()

            def clear() -> None:
                search.clear()
                controller.refresh()
                settle()

            # 1. per keystroke, worst case: the search runs after every key
            ui_ms: list[float] = []
            latency_ms: list[float] = []
            listed: list[int] = []
            applied = [0.0]
            apply = controller._apply  # timed: the UI-thread half of a search

            def timed_apply(*args: object, **options: object) -> None:
                t = time.perf_counter()
                apply(*args, **options)  # type: ignore[arg-type]
                applied[0] += time.perf_counter() - t

            controller._apply = timed_apply  # type: ignore[method-assign]
            loop = QEventLoop()
            controller.listed.connect(loop.quit)
            for word in WORDS:
                clear()
                for ch in word:
                    applied[0] = 0.0
                    t0 = time.perf_counter()
                    QTest.keyClick(search, ch)
                    t1 = time.perf_counter()
                    controller.search_now()  # what the debounce timer calls
                    t2 = time.perf_counter()
                    QTimer.singleShot(10_000, loop.quit)
                    loop.exec()  # until the list shows the results
                    t3 = time.perf_counter()
                    settle()  # and they are painted
                    t4 = time.perf_counter()
                    ui_ms.append(((t1 - t0) + (t2 - t1) + applied[0] + (t4 - t3)) * 1000)
                    latency_ms.append((t4 - t1) * 1000)
                    listed.append(window.page.model.rowCount())
            controller._apply = apply  # type: ignore[method-assign]
            samples = ui_ms
            p50, p95 = percentiles(ui_ms)
            l50, l95 = percentiles(latency_ms)

            # 2. stall detector over scripted typing through the event loop
            clear()
            gaps: list[float] = []
            clock = QElapsedTimer()
            clock.start()
            last = [0.0]

            def tick() -> None:
                now = clock.nsecsElapsed() / 1e6
                gaps.append(now - last[0])
                last[0] = now

            ticker = QTimer()
            ticker.setTimerType(Qt.TimerType.PreciseTimer)
            ticker.timeout.connect(tick)
            script: list[tuple[int, str | None]] = []
            at = 0
            for word in WORDS:
                script.append((at, None))  # clear the box
                at += KEY_MS
                for ch in word:
                    script.append((at, ch))
                    at += KEY_MS
                at += PAUSE_MS
            done = [False]

            def press(ch: str | None) -> None:
                if ch is None:
                    search.clear()
                else:
                    QTest.keyClick(search, ch)

            for when, ch in script:
                QTimer.singleShot(when, lambda ch=ch: press(ch))
            QTimer.singleShot(at + PAUSE_MS, lambda: done.__setitem__(0, True))
            last[0] = clock.nsecsElapsed() / 1e6
            ticker.start(TICK_MS)
            while not done[0]:
                app.processEvents()
                time.sleep(0.0005)
            ticker.stop()
            longest = max(gaps) if gaps else 0.0
            over = sum(1 for g in gaps if g > 50)
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            store.close()
    return {
        "entries": entries, "keystrokes": len(samples), "p50_ms": p50, "p95_ms": p95,
        "max_ms": max(samples), "latency_p50_ms": l50, "latency_p95_ms": l95,
        "latency_max_ms": max(latency_ms), "longest_gap_ms": longest, "gaps_over_50ms": over,
        "min_listed": min(listed),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    row = run(args.entries)
    print(f"{row['entries']:,} entries: UI thread per keystroke p50 {row['p50_ms']:.1f} ms, "
          f"p95 {row['p95_ms']:.1f} ms, max {row['max_ms']:.1f} ms; results shown after "
          f"p50 {row['latency_p50_ms']:.1f} ms, p95 {row['latency_p95_ms']:.1f} ms; longest UI gap "
          f"{row['longest_gap_ms']:.0f} ms ({row['gaps_over_50ms']} over 50 ms)")
    if args.json:
        write_json(args.json, {"search": [row]})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
