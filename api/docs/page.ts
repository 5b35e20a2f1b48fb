/**
 * A small self-contained reference page: it fetches ./openapi.json and lists every
 * operation with its parameters, body schema and answers. No CDN, no build step.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sunlight API</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f6f8fa; }
  header { background: #b3261e; color: #fff; padding: 16px 24px; }
  main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
  h2 { margin-top: 32px; border-bottom: 1px solid #d0d7de; text-transform: capitalize; }
  details { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; margin: 8px 0; }
  summary { cursor: pointer; padding: 8px 12px; }
  .m { display: inline-block; width: 64px; font-weight: 600; text-transform: uppercase; }
  .get { color: #0969da; } .post { color: #1a7f37; } .put, .patch { color: #9a6700; } .delete { color: #cf222e; }
  code, pre { font-family: ui-monospace, monospace; font-size: 12px; }
  pre { background: #f6f8fa; padding: 8px; overflow: auto; max-height: 360px; }
  .body { padding: 0 12px 12px; }
  table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 2px 8px; text-align: left; }
</style>
</head>
<body>
<header><strong>Sunlight API</strong> — <span id="info">loading…</span> · <a style="color:#fff" href="openapi.json">openapi.json</a></header>
<main id="ops"></main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('openapi.json').then((r) => r.json()).then((doc) => {
  document.getElementById('info').textContent = doc.info.description + ' v' + doc.info.version;
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    (byTag[(op.tags || ['other'])[0]] ||= []).push({ path, method, op });
  }
  let html = '';
  for (const [tag, list] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of list) {
      html += '<details><summary><span class="m ' + method + '">' + method + '</span><code>' + esc(path) + '</code> — ' + esc(op.summary || '') + '</summary><div class="body">';
      if (op.description) html += '<p>' + esc(op.description) + '</p>';
      if (op.parameters && op.parameters.length) {
        html += '<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>';
        for (const p of op.parameters) html += '<tr><td>' + esc(p.name) + '</td><td>' + p.in + '</td><td>' + (p.required ? 'yes' : '') + '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td></tr>';
        html += '</table>';
      }
      if (op.requestBody) html += '<h4>Body</h4>' + json(op.requestBody.content['application/json'].schema);
      html += '<h4>Answers</h4><ul>';
      for (const [status, r] of Object.entries(op.responses)) html += '<li><b>' + status + '</b> ' + esc(r.description) + '</li>';
      html += '</ul></div></details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
});
</script>
</body>
</html>
`;
