// The page served while the React renderer is not built: lists the project's cases through the same
// HTTP contract the renderer uses (token taken from the page URL).
export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CBCT Workbench</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;background:#111;color:#ddd}table{border-collapse:collapse}
td,th{padding:4px 10px;border-bottom:1px solid #333;text-align:left}h1{font-size:20px}</style></head>
<body><h1>CBCT Workbench</h1><p id="info">Loading project…</p>
<table><thead><tr><th>#</th><th>Case</th><th>Split</th><th>Status</th><th>Dimensions</th><th>Spacing (mm)</th><th>Type</th></tr></thead>
<tbody id="cases"></tbody></table>
<script>
const esc = s => String(s).replace(/[&<>"']/g, ch => '&#' + ch.charCodeAt(0) + ';');
const token = new URLSearchParams(location.search).get('token') || '';
async function call(method, args) {
  const r = await fetch('/api/call/' + method, {method: 'POST', headers: {authorization: 'Bearer ' + token,
    'content-type': 'application/json'}, body: JSON.stringify(args || {})});
  const b = await r.json(); if (!b.ok) throw new Error(b.error.message); return b.result;
}
async function refresh() {
  try {
    const info = await call('projects.info');
    document.getElementById('info').textContent = info.name + ' — ' + info.caseCount + ' cases — ' + info.directory;
    const rows = (await call('cases.list')).map(c => '<tr><td>' + c.id + '</td><td>' + esc(c.name) + '</td><td>' + c.split +
      '</td><td>' + c.status + '</td><td>' + c.geometry.dims.join(' × ') + '</td><td>' +
      c.geometry.spacing.map(s => s.toFixed(3)).join(' × ') + '</td><td>' + c.dataType + '</td></tr>');
    document.getElementById('cases').innerHTML = rows.join('');
  } catch (e) { document.getElementById('info').textContent = 'Error: ' + e.message; }
}
refresh();
</script></body></html>`;
