"""What the browser scripts run inside the page, on the page's own clock: when each rerun
starts and ends, when the main area last changed, and whether a view has settled.

Timings taken inside the page (performance.now(), polled every animation frame) leave
Playwright's and Python's own overhead out of every figure. Shared by bench/first_view.py
and bench/failover.py.
"""

from tests.serve.failover import WATCH_RUNS_JS

# Installed before any page script, on the page's own clock: every rerun's start and end as
# the server reports them (Streamlit's websocket messages, read with a tiny protobuf scan:
# ForwardMsg field 4 = new_session, sent as a run starts; field 6 = script_finished), the
# script-state attribute, the last DOM change inside a chart or map and in the main area,
# and the last keydown and pointerdown. The websocket is the better signal where it is
# seen: React may batch a fast run's "running" and "notRunning" into one render.
INIT_SCRIPT = """
(() => {
  const b = window.__bench = {runs: [], states: [], sockets: 0, last: {}, lastMain: 0,
                              keydown: 0, pointer: 0, readyAt: 0};
""" + WATCH_RUNS_JS + """
  // Which element of the main area a node belongs to (null: outside the main area).
  const kindOf = n => {
    const el = n && (n.nodeType === 1 ? n : n.parentElement);
    if (!el || !el.closest || !el.closest('[data-testid=stMain]')) return null;
    if (el.closest('[data-testid=stPlotlyChart]')) return 'plotly chart';
    if (el.closest('[data-testid=stDeckGlJsonChart]')) return 'map';
    if (el.closest('[data-testid=stDataFrame]'))
      return el.closest('canvas') ? 'grid screen-reader table' : 'grid';
    if (el.closest('[data-testid=stTable]')) return 'table';
    return 'text and widgets';
  };
  const ELEMENTS = '[data-testid=stPlotlyChart],[data-testid=stDeckGlJsonChart],' +
                   '[data-testid=stDataFrame],[data-testid=stTable]';
  const mark = (kind, now) => {
    b.last[kind] = now;
    b.lastMain = now;
  };
  new MutationObserver(list => {
    const now = performance.now();
    for (const m of list) {
      if (m.type === 'attributes' && m.attributeName === 'data-test-script-state') {
        b.states.push([now, m.target.getAttribute('data-test-script-state')]);
      } else {
        // React replaces a whole element: the change is the added node's, not its parent's.
        const nodes = m.addedNodes && m.addedNodes.length ? [...m.addedNodes] : [m.target];
        for (const node of nodes) {
          const kind = kindOf(node.nodeType === 1 ?
            (node.matches(ELEMENTS) ? node : node.querySelector(ELEMENTS) || node) : node)
            || kindOf(m.target);  // a node already removed again: its parent's
          if (kind) mark(kind, now);
        }
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        characterData: true});
  // Drawing on a <canvas> changes no DOM: the data grid and the deck.gl map paint there,
  // so their draw calls count as changes of the main area too.
  const canvasKind = new WeakMap();
  const paintOf = canvas => {
    if (!canvas || !canvas.isConnected) return null;
    let kind = canvasKind.get(canvas);
    if (kind === undefined) {
      const k = kindOf(canvas);
      // (the grid's canvas holds its screen-reader table, so it classes as that)
      kind = k === 'map' ? 'map paint' :
             (k === 'grid' || k === 'grid screen-reader table' ? 'grid paint' :
              (k ? 'other canvas paint' : null));
      canvasKind.set(canvas, kind);
    }
    return kind;
  };
  const hook = (proto, names) => {
    if (!proto) return;
    for (const name of names) {
      const orig = proto[name];
      if (typeof orig !== 'function') continue;
      proto[name] = function (...args) {
        const kind = paintOf(this.canvas);
        if (kind) mark(kind, performance.now());
        return orig.apply(this, args);
      };
    }
  };
  hook(window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype,
       ['fillRect', 'fillText', 'drawImage', 'fill', 'stroke', 'clearRect', 'putImageData']);
  for (const gl of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    hook(gl && gl.prototype, ['drawArrays', 'drawElements', 'drawArraysInstanced',
                              'drawElementsInstanced', 'clear']);
  }
  document.addEventListener('keydown', () => { b.keydown = performance.now(); }, true);
  document.addEventListener('pointerdown', () => { b.pointer = performance.now(); }, true);
  // A run ended (0 = finished, 1 = compile error, 3 = fragment) at or after `since`.
  // The app's script-state attribute first: with Streamlit 1.67 the scan misses some
  // apps' messages (bench/reference_page.py: none) and misreads others; the messages
  // stand in when React batched a fast run's states into one render.
  b.finishedSince = since => b.states.find(x => x[0] >= since && x[1] === 'notRunning') ||
    b.runs.find(r => r[0] >= since && r[1] === 'finished' && r[2] !== 2);
  b.startedSince = since => b.states.find(x => x[0] >= since && x[1] === 'running') ||
    b.runs.find(r => r[0] >= since && r[1] === 'start');
  // The last change of each element at or after `since`, relative to `since`.
  b.since = since => Object.fromEntries(Object.entries(b.last)
    .filter(([, at]) => at >= since).map(([k, at]) => [k, at - since]));
})();
"""

# Counts what is on screen; used by the readiness checks below.
SCAN = """
() => {
  const vis = el => el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  const plots = [...document.querySelectorAll('[data-testid=stPlotlyChart]')].filter(vis);
  const maps = [...document.querySelectorAll('[data-testid=stDeckGlJsonChart]')].filter(vis);
  const plotsReady = plots.filter(p => {
    const gd = p.querySelector('.js-plotly-plot');
    return gd && gd._fullLayout && p.querySelector('svg.main-svg');
  }).length;
  const mapsReady = maps.filter(m => {
    const c = m.querySelector('canvas');
    return c && c.width > 0 && c.height > 0 && vis(c);
  }).length;
  const app = document.querySelector('[data-testid=stApp]');
  return {plots: plots.length, maps: maps.length, plotsReady, mapsReady,
          state: app ? app.getAttribute('data-test-script-state') : null,
          exceptions: document.querySelectorAll('[data-testid=stException]').length,
          title: document.title};
}
"""

# Settled on a first view: a run has finished, the page shows it (not running), every
# expected chart has drawn its SVG and every expected map its canvas, and then nothing in
# the main area (DOM, grid and map canvases) has changed for `quiet` ms. `at` is the last
# change (page clock since navigation); `drawn` when the charts were first all drawn.
FIRST_SETTLED = """
(arg) => {
  const s = (__SCAN__)();
  if (s.exceptions) return {error: 'exception', at: performance.now()};
  const b = window.__bench;
  const done = b.finishedSince(0);
  if (!done || s.state !== 'notRunning') return false;
  if (s.plotsReady < arg.plots || s.mapsReady < arg.maps) return false;
  if (!b.readyAt) b.readyAt = performance.now();
  const end = Math.max(b.readyAt, b.lastMain);
  if (performance.now() - end < arg.quiet) return false;
  return {at: end, drawn: b.readyAt, scriptDone: done[0], parts: b.since(0)};
}
""".replace("__SCAN__", SCAN.strip())

# A run has finished and the page shows it (first load, before counting charts).
SETTLED_ONCE = """
() => { const s = (__SCAN__)();
        return !!window.__bench.finishedSince(0) && s.state === 'notRunning'; }
""".replace("__SCAN__", SCAN.strip())

# Settled after a filter change: a run that started after the keydown has finished, the
# page shows it, and nothing in the main area (DOM, grid and map canvases included) has
# changed for `quiet` ms.
SETTLED = """
(quiet) => {
  const b = window.__bench;
  const t0 = b.keydown;
  // The run's start (new_session or "running"); React may skip "running" for a fast run.
  const started = b.startedSince(t0);
  const done = b.finishedSince(started ? started[0] : t0);
  if (!done) return false;
  const start = started || done;
  const app = document.querySelector('[data-testid=stApp]');
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const end = Math.max(done[0], b.lastMain);
  if (performance.now() - end < quiet) return false;
  return {t0, start: start[0], done: done[0], end, parts: b.since(t0),
          exceptions: document.querySelectorAll('[data-testid=stException]').length};
}
"""
