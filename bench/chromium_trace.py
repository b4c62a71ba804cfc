"""Where the renderer's time goes during filter changes: a summary of a Chromium performance
trace (the V8 CPU profile and the timeline), for `bench/first_view.py --trace`."""

from __future__ import annotations

from collections import defaultdict


def _bundle(url: str) -> str:
    """'…/static/js/PlotlyChart.D9Z0_fxz.js' -> 'PlotlyChart'; the app's own core -> 'core'."""
    name = url.rsplit("/", 1)[-1].split("?")[0]
    stem = name.split(".")[0] if name else ""
    return "core" if stem in ("index", "") else stem


# Trace events that are the browser's own rendering work (not JavaScript).
RENDER = {"Layout": "layout", "UpdateLayoutTree": "style recalculation", "Paint": "paint",
          "PrePaint": "paint", "Layerize": "paint", "Commit": "paint", "ParseHTML": "parse",
          "HitTest": "hit test", "RasterTask": "raster (other thread)"}


Window = tuple[float, float]


def _windows(events: list[dict], latencies_ms: list[float]) -> list[Window]:
    """(start, end) trace times of each filter change: from the page's performance mark
    'gfmd-change-start' (just before the key that changes the filter) for as long as that
    change took to settle (the quiet wait after it is not counted)."""
    starts = sorted(ev["ts"] for ev in events if ev.get("name") == "gfmd-change-start")
    return [(ts, ts + ms * 1000) for ts, ms in zip(starts, latencies_ms, strict=False)]


def _within(ts: float, windows: list[Window]) -> bool:
    return any(a <= ts <= b for a, b in windows)


def _render_time(events: list[dict], windows: list[Window]) -> dict[str, float]:
    """Duration of the rendering events, µs, by kind (they do not nest in one another)."""
    totals: dict[str, float] = defaultdict(float)
    for ev in events:
        if ev.get("ph") == "X" and ev.get("name") in RENDER and ev.get("dur") \
                and _within(ev["ts"], windows):
            totals[RENDER[ev["name"]]] += ev["dur"]
    return totals


def _js_time(events: list[dict], windows: list[Window]) -> dict[str, float]:
    """JavaScript self time, µs, by the bundle of the innermost frame, from the V8 CPU
    profile in the trace (a sample every ~100 µs): plotly's code is charged to the plotly
    chart's bundle even when React called it."""
    nodes: dict[tuple, dict] = {}
    totals: dict[str, float] = defaultdict(float)
    # Sample times: each profile's startTime, then the running sum of its time deltas.
    profile_clock: dict[tuple, float] = {
        (ev.get("pid"), ev.get("id")): ((ev.get("args") or {}).get("data") or {}).get(
            "startTime", ev["ts"]) for ev in events if ev.get("name") == "Profile"}
    for ev in events:
        if ev.get("name") != "ProfileChunk":
            continue
        data = (ev.get("args") or {}).get("data") or {}
        profile = data.get("cpuProfile") or {}
        key = (ev.get("pid"), ev.get("id"))
        for node in profile.get("nodes") or []:
            nodes[(*key, node["id"])] = node.get("callFrame") or {}
        deltas = data.get("timeDeltas") or []
        clock = profile_clock.get(key, ev["ts"])
        for sample, delta, step in zip(profile.get("samples") or [], [*deltas[1:], 0], deltas,
                                       strict=True):
            clock += step
            if not _within(clock, windows):
                continue
            frame = nodes.get((*key, sample), {})
            url, fn = frame.get("url", ""), frame.get("functionName", "")
            if fn == "(idle)":
                continue
            where = f"script ({_bundle(url)})" if url else (
                "garbage collection" if fn == "(garbage collector)" else "browser native (program)")
            totals[where] += max(delta, 0)
        profile_clock[key] = clock
    return totals


def trace_summary(events: list[dict], latencies_ms: list[float]) -> list[tuple[str, float]]:
    """Where the renderer's time went from the filter key to the settled page, ms per
    filter change: JavaScript by bundle (CPU profile) and rendering by kind (timeline)."""
    windows = _windows(events, latencies_ms)
    changes = len(windows)
    totals = {**_js_time(events, windows)}
    for key, value in _render_time(events, windows).items():
        totals[key] = totals.get(key, 0) + value
    rows = [(k, v / 1000 / max(changes, 1)) for k, v in totals.items() if v > 0]
    return sorted(rows, key=lambda r: -r[1])
