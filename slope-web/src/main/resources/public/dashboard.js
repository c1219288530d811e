// The training dashboard: runs are started, listed, stopped and downloaded through /api/runs; a selected run is
// watched over server-sent events (/api/runs/{id}/events). Runs live on the server: reloading the page finds them.
import {COLOURS, api, chart, fmt} from './common.js';

const $ = id => document.getElementById(id);
let selected = null;
let source = null;
let classNames = [];
const ENDED = ['finished', 'stopped', 'failed'];

async function refreshRuns() {
  const runs = await api('/api/runs');
  const t = $('runs');
  t.innerHTML = '<tr><th>run</th><th class="left">settings</th><th>status</th><th>val. acc.</th><th>test acc.</th></tr>';
  for (const r of runs.slice().reverse()) {
    const tr = t.insertRow();
    tr.dataset.id = r.id;
    if (r.id === selected) tr.className = 'selected';
    const s = r.settings;
    tr.innerHTML = `<td>${r.id}</td><td class="left">${s.loss}, ${s.reg_type} ${s.reg}, ${s.update} lr ${fmt(s.lr, 4)}, `
      + `batch ${s.batch_size}, ${s.epochs} epochs</td><td>${r.status}</td>`
      + `<td>${r.validation_accuracy === undefined ? '–' : (100 * r.validation_accuracy).toFixed(1) + '%'}</td>`
      + `<td>${r.test_accuracy === undefined ? '–' : (100 * r.test_accuracy).toFixed(2) + '%'}</td>`;
    tr.addEventListener('click', () => select(r.id));
  }
  const states = await Promise.all(runs.map(r => api(`/api/runs/${r.id}`)));
  chart($('compareChart'), 'compare', states.map((s, i) => ({label: `run ${s.id}`,
      values: s.history.map(e => e.validation_accuracy), colour: COLOURS[i % COLOURS.length]})),
      {percent: true, yLabel: 'validation accuracy', height: 160});
  $('compareLegend').innerHTML = states.map((s, i) => `<span class="swatch" style="background:${COLOURS[i % COLOURS.length]}">`
    + `</span>run ${s.id} (${s.settings.loss}, ${s.settings.update})`).join(' ');
  return runs;
}

function show(run) {
  $('runId').textContent = run.id;
  $('status').textContent = run.status + (run.message ? ` (${run.message})` : '');
  $('status').dataset.status = run.status;
  $('progress').value = run.steps ? run.step / run.steps : 0;
  const h = run.history;
  chart($('lossChart'), 'loss', [{label: 'training loss', values: h.map(e => e.loss), colour: '#2f6fde'}],
      {log: true, yLabel: 'loss'});
  chart($('accChart'), 'accuracy', [{label: 'train', values: h.map(e => e.train_accuracy), colour: '#2f6fde'},
                                    {label: 'validation', values: h.map(e => e.validation_accuracy), colour: '#e4572e'}],
      {percent: true, yLabel: 'accuracy'});
  $('history').innerHTML = '<tr><th>epoch</th><th>loss</th><th>train acc.</th><th>val. acc.</th><th>s</th></tr>'
    + h.map(e => `<tr><td>${e.epoch}</td><td>${fmt(e.loss, 4)}</td><td>${(100 * e.train_accuracy).toFixed(1)}%</td>`
      + `<td>${Number.isFinite(e.validation_accuracy) ? (100 * e.validation_accuracy).toFixed(1) + '%' : '–'}</td>`
      + `<td>${fmt(e.seconds, 2)}</td></tr>`).join('');
  $('history').dataset.epochs = h.length;
  const img = $('templates');
  img.hidden = h.length === 0;
  if (h.length > 0) {
    const src = `/api/runs/${run.id}/templates.png?epoch=${h.length}&status=${run.status}`;
    if (img.getAttribute('src') !== src) img.src = src;
  }
  const c = run.confusion;
  $('confusion').innerHTML = c ? '<tr><th class="left">true \\ predicted</th>' + c.map((_, j) => `<th>${j}</th>`).join('') + '</tr>'
    + c.map((row, i) => `<tr><td class="left">${classNames[i] || i}</td>` + row.map(v => `<td>${v}</td>`).join('') + '</tr>').join('')
    : '';
  $('download').hidden = !run.has_model;
  $('download').href = `/api/runs/${run.id}/model`;
  $('stop').disabled = ENDED.includes(run.status);
}

async function select(id) {
  selected = id;
  history.replaceState(null, '', `#run=${id}`);
  if (source) source.close();
  let run = await api(`/api/runs/${id}`);
  show(run);
  source = new EventSource(`/api/runs/${id}/events`);
  source.addEventListener('state', e => { run = JSON.parse(e.data); show(run); });
  source.addEventListener('epoch', e => {
    if (ENDED.includes(run.status)) return;
    run.history.push(JSON.parse(e.data));
    run.status = 'running';
    // a state fetched before the end may arrive after it: never let it undo the end
    api(`/api/runs/${id}`).then(r => { if (!ENDED.includes(run.status)) { run = r; show(run); } });
    show(run);
  });
  source.addEventListener('end', e => { run = JSON.parse(e.data); show(run); source.close(); refreshRuns(); });
  source.onerror = () => { if (source) source.close(); };
  refreshRuns();
}

$('start').addEventListener('click', async () => {
  $('error').textContent = '';
  const settings = {};
  for (const id of ['loss', 'reg_type', 'reg', 'update', 'lr', 'lr_schedule', 'batch_size', 'epochs']) {
    const v = $(id).value;
    if (v !== '') settings[id] = $(id).type === 'number' ? Number(v) : v;
  }
  try {
    const run = await api('/api/runs', {settings});
    await select(run.id);
  } catch (e) {
    $('error').textContent = e.message;
  }
});
$('stop').addEventListener('click', async () => { if (selected !== null) show(await api(`/api/runs/${selected}/stop`, {})); });

(async () => {
  const data = await api('/api/data');
  classNames = data.classes;
  $('dataName').textContent = `${data.name} (${data.train} training images, ${data.shape})`;
  const runs = await refreshRuns();
  const m = location.hash.match(/run=(\d+)/);
  if (m) await select(Number(m[1]));
  else if (runs.length > 0) await select(runs[runs.length - 1].id);
  setInterval(refreshRuns, 3000);
})();
