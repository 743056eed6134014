// In-page instrumentation for the viewer bench: after `arm(x, y)`, the next pointer move over the axial
// view starts a clock that stops at the first animation frame whose canvas pixel at (x, y) changed colour.
// Runs inside the page (passed to page.evaluate as source text), so it uses no imports.
export const INSTALL_PROBE = `(() => {
  const view = document.querySelector('[data-testid=viewport-axial]');
  const canvas = view.querySelector('canvas');
  const ctx = canvas.getContext('2d');
  const probe = { latencies: [], armed: null, timeouts: 0 };
  const rgb = (x, y) => {
    const s = canvas.width / canvas.getBoundingClientRect().width;
    const d = ctx.getImageData(Math.round(x * s) - 1, Math.round(y * s) - 1, 3, 3).data;
    let r = 0, g = 0, b = 0;
    for (let p = 0; p < d.length; p += 4) { r += d[p]; g += d[p + 1]; b += d[p + 2]; }
    return [r / 9, g / 9, b / 9];
  };
  probe.arm = (x, y) => { probe.armed = { x, y, base: rgb(x, y), t0: null }; };
  view.addEventListener('pointermove', (e) => {
    const a = probe.armed;
    if (!a || a.t0 !== null) return;
    a.t0 = e.timeStamp;
    const check = () => {
      if (probe.armed !== a) return;
      const now = performance.now();
      const c = rgb(a.x, a.y);
      const diff = Math.max(Math.abs(c[0] - a.base[0]), Math.abs(c[1] - a.base[1]), Math.abs(c[2] - a.base[2]));
      if (diff > 25) { probe.latencies.push(now - a.t0); probe.armed = null; return; }
      if (now - a.t0 > 3000) { probe.timeouts++; probe.armed = null; return; }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, true);
  window.__brushProbe = probe;
})()`;
