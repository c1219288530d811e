// The linear classifier playground. Every loss, gradient and update comes from POST /api/playground/step
// (Slope's core); this page only draws: the regions (argmax of Wx + b per pixel), the lines and the tables.
import {COLOURS, View, api, chart, fmt, tint} from './common.js';

const $ = id => document.getElementById(id);
const view = new View($('plane'));
const state = {points: [], labels: [], W: [], b: [], result: null, history: [], running: false, start: null};
let pending = null;
let inFlight = false;

function settings() {
  return {loss: $('loss').value, reg_type: $('regType').value, reg: 10 ** Number($('reg').value),
          step_size: 10 ** Number($('step').value), numerical: $('numerical').checked};
}

/** Asks the server for the loss and gradient at the current W and b; requests never overlap. */
async function evaluate() {
  if (inFlight) { pending = true; return; }
  inFlight = true;
  try {
    do {
      pending = false;
      const body = {points: state.points, labels: state.labels, W: state.W, b: state.b, ...settings()};
      state.result = await api('/api/playground/step', body);
      $('error').textContent = '';
    } while (pending);
  } catch (e) {
    $('error').textContent = e.message;
    state.result = null;
  } finally {
    inFlight = false;
  }
  draw();
}

/** Waits until no answer is outstanding, so state.result belongs to the W, b and points on the page. */
async function settled() {
  while (inFlight) await new Promise(r => setTimeout(r, 5));
}

async function update() {
  const history = state.history; // a Reset or a new preset meanwhile starts a new chart; this step belongs to the old
  await settled(); // an edit just made (▲, a typed number, a dragged point) is answered before it is stepped from
  if (!state.result) await evaluate();
  if (!state.result) return;
  state.W = state.result.next_W.map(r => r.slice());
  state.b = state.result.next_b.slice();
  await evaluate();
  await settled();
  history.push(state.result ? state.result.total_loss : NaN);
  draw();
}

async function runLoop() {
  while (state.running) {
    await update();
    await new Promise(r => setTimeout(r, 40));
  }
}

function classes() { return state.W.length; }

function drawPlane() {
  const c = view.ctx, w = view.canvas.width, h = view.canvas.height, cell = 8;
  c.clearRect(0, 0, w, h);
  for (let py = 0; py < h; py += cell) {
    for (let px = 0; px < w; px += cell) {
      const x = view.x(px + cell / 2), y = view.y(py + cell / 2);
      let best = 0, bestScore = -Infinity;
      state.W.forEach((row, k) => {
        const s = row[0] * x + row[1] * y + state.b[k];
        if (s > bestScore) { bestScore = s; best = k; }
      });
      c.fillStyle = tint(COLOURS[best % COLOURS.length], 0.18);
      c.fillRect(px, py, cell, cell);
    }
  }
  view.axes();
  state.W.forEach((row, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const [a, bb] = row, cst = state.b[k];
    c.strokeStyle = colour;
    c.lineWidth = 2;
    c.setLineDash([6, 4]);
    c.beginPath();
    const R = view.range;
    if (Math.abs(bb) > 1e-9) {
      c.moveTo(view.px(-R), view.py((-cst - a * -R) / bb));
      c.lineTo(view.px(R), view.py((-cst - a * R) / bb));
    } else if (Math.abs(a) > 1e-9) {
      c.moveTo(view.px(-cst / a), view.py(-R));
      c.lineTo(view.px(-cst / a), view.py(R));
    }
    c.stroke();
    c.setLineDash([]);
    const len = Math.hypot(a, bb) || 1, scale = Math.min(1, 1.5 / len);
    const x1 = view.px(a * scale), y1 = view.py(bb * scale);
    c.beginPath();
    c.moveTo(view.px(0), view.py(0));
    c.lineTo(x1, y1);
    c.stroke();
    const ang = Math.atan2(y1 - view.py(0), x1 - view.px(0));
    c.beginPath();
    c.moveTo(x1, y1);
    c.lineTo(x1 - 10 * Math.cos(ang - 0.4), y1 - 10 * Math.sin(ang - 0.4));
    c.lineTo(x1 - 10 * Math.cos(ang + 0.4), y1 - 10 * Math.sin(ang + 0.4));
    c.closePath();
    c.fillStyle = colour;
    c.fill();
  });
  view.points(state.points, state.labels);
}

function paramInput(value, onChange) {
  const input = document.createElement('input');
  input.type = 'text';
  input.value = fmt(value, 2);
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (Number.isFinite(v)) { onChange(v); evaluate(); } else { input.value = fmt(value, 2); }
  });
  return input;
}

function nudger(label, delta, apply) {
  const b = document.createElement('button');
  b.textContent = label;
  b.addEventListener('click', () => { apply(delta); evaluate(); });
  return b;
}

function drawParams() {
  const t = $('params');
  // the numbers are not rebuilt under a hand typing into one of them (it would lose its place while Run steps)
  if (t.contains(document.activeElement) && document.activeElement.tagName === 'INPUT') return;
  t.innerHTML = '';
  const r = state.result;
  const head = t.insertRow();
  head.innerHTML = '<th class="left">class</th><th>w₀</th><th>w₁</th><th>b</th>';
  state.W.forEach((row, k) => {
    const tr = t.insertRow();
    tr.insertCell().innerHTML = `<span class="swatch" style="background:${COLOURS[k % COLOURS.length]}"></span>${k}`;
    tr.cells[0].className = 'left';
    [0, 1, 2].forEach(col => {
      const td = tr.insertCell();
      // the handlers write into the live state (each update replaces state.W and state.b with new arrays)
      const get = () => col < 2 ? state.W[k][col] : state.b[k];
      const put = v => { if (col < 2) state.W[k][col] = v; else state.b[k] = v; };
      td.append(nudger('▲', 0.1, d => put(get() + d)), paramInput(get(), put), nudger('▼', -0.1, d => put(get() + d)));
      if (r) {
        const g = col < 2 ? r.grad_W[k][col] : r.grad_b[k];
        let text = `∂L = ${fmt(g)}`;
        if (r.num_grad_W) {
          const n = col < 2 ? r.num_grad_W[k][col] : r.num_grad_b[k];
          const e = col < 2 ? r.rel_error_W[k][col] : r.rel_error_b[k];
          text += ` · num ${fmt(n)} · rel.err ${e.toExponential(1)}`;
        }
        const div = document.createElement('div');
        div.className = 'grad';
        div.textContent = text;
        td.append(div);
      }
    });
  });
}

function drawTables() {
  const r = state.result;
  const totals = $('totals');
  totals.innerHTML = '';
  if (r) {
    [['data loss (mean Lᵢ)', r.data_loss], ['regularization loss', r.reg_loss], ['total loss', r.total_loss],
     ['accuracy', r.accuracy]].forEach(([name, v]) => {
      const tr = totals.insertRow();
      tr.insertCell().textContent = name;
      tr.cells[0].className = 'left';
      const td = tr.insertCell();
      td.textContent = name === 'accuracy' ? (100 * v).toFixed(1) + '%' : fmt(v, 4);
      td.id = {'data loss (mean Lᵢ)': 'dataLoss', 'regularization loss': 'regLoss', 'total loss': 'totalLoss',
               'accuracy': 'accuracy'}[name];
    });
  }
  const t = $('points');
  t.innerHTML = '';
  const head = t.insertRow();
  head.innerHTML = '<th>x₀</th><th>x₁</th><th>y</th>' + state.W.map((_, k) => `<th>s${k}</th>`).join('') + '<th>Lᵢ</th>';
  state.points.forEach((p, i) => {
    const tr = t.insertRow();
    const loss = r ? r.losses[i] : NaN;
    if (loss > 0) tr.className = 'violates';
    const scores = r ? r.scores[i] : state.W.map(() => NaN);
    tr.innerHTML = `<td>${fmt(p[0], 2)}</td><td>${fmt(p[1], 2)}</td>`
      + `<td><span class="swatch" style="background:${COLOURS[state.labels[i] % COLOURS.length]}"></span>${state.labels[i]}</td>`
      + scores.map(s => `<td>${fmt(s, 2)}</td>`).join('') + `<td class="loss">${fmt(loss, 3)}</td>`;
  });
}

function draw() {
  drawPlane();
  drawParams();
  drawTables();
  chart($('history'), 'loss', [{label: 'total loss', values: state.history, colour: '#2f6fde'}],
      {log: true, xLabel: 'update', yLabel: 'loss', height: 160});
  $('regShown').textContent = fmt(10 ** Number($('reg').value), 4);
  $('stepShown').textContent = fmt(10 ** Number($('step').value), 4);
  const select = $('newClass');
  if (select.options.length !== classes()) {
    select.innerHTML = state.W.map((_, k) => `<option value="${k}">class ${k}</option>`).join('');
  }
}

async function load(name) {
  const p = await api(`/api/playground/preset/${name}?seed=${Math.floor(Math.random() * 1e9)}`);
  state.points = p.points; state.labels = p.labels; state.W = p.W; state.b = p.b;
  state.start = JSON.parse(JSON.stringify(p));
  state.history = [];
  await evaluate();
  await settled(); // an answer in flight for the old points is not this preset's
  if (state.result) state.history.push(state.result.total_loss);
  draw();
}

// dragging, adding and removing points
let dragging = -1;
function nearest(px, py) {
  let best = -1, bestD = 100;
  state.points.forEach((p, i) => {
    const d = Math.hypot(view.px(p[0]) - px, view.py(p[1]) - py);
    if (d < 10 && d < bestD) { best = i; bestD = d; }
  });
  return best;
}
view.canvas.addEventListener('contextmenu', e => e.preventDefault());
view.canvas.addEventListener('mousedown', e => {
  const [px, py] = view.at(e);
  const i = nearest(px, py);
  if (i >= 0 && (e.shiftKey || e.button === 2)) {
    if (state.points.length > 1) {
      state.points.splice(i, 1); state.labels.splice(i, 1); evaluate();
    }
  } else if (i >= 0) {
    dragging = i;
  } else if (e.button === 0) {
    state.points.push([view.x(px), view.y(py)]);
    state.labels.push(Number($('newClass').value || 0));
    evaluate();
  }
});
view.canvas.addEventListener('mousemove', e => {
  if (dragging < 0) return;
  const [px, py] = view.at(e);
  state.points[dragging] = [view.x(px), view.y(py)];
  evaluate();
});
window.addEventListener('mouseup', () => { dragging = -1; });

$('preset').addEventListener('change', () => load($('preset').value));
for (const id of ['loss', 'regType', 'reg', 'step', 'numerical']) {
  $(id).addEventListener('input', () => evaluate());
  $(id).addEventListener('change', () => evaluate());
}
$('update').addEventListener('click', () => update());
$('run').addEventListener('click', () => {
  state.running = !state.running;
  $('run').textContent = state.running ? 'Stop' : 'Run';
  if (state.running) runLoop();
});
$('randomize').addEventListener('click', () => {
  state.W = state.W.map(row => row.map(() => Math.round((Math.random() * 4 - 2) * 100) / 100));
  state.b = state.b.map(() => Math.round((Math.random() * 2 - 1) * 100) / 100);
  evaluate();
});
$('reset').addEventListener('click', () => {
  const s = state.start;
  state.points = s.points.map(p => p.slice()); state.labels = s.labels.slice();
  state.W = s.W.map(r => r.slice()); state.b = s.b.slice();
  state.history = [];
  evaluate().then(settled).then(() => {
    if (state.result) state.history.push(state.result.total_loss); // the chart starts again from the start's loss
    draw();
  });
});
$('addClass').addEventListener('click', () => {
  if (classes() >= 10) return;
  state.W.push([Math.random() - 0.5, Math.random() - 0.5]); state.b.push(0);
  evaluate();
});
$('removeClass').addEventListener('click', () => {
  if (classes() <= 2) return;
  const last = classes() - 1;
  const keep = state.labels.map((y, i) => y !== last ? i : -1).filter(i => i >= 0);
  if (keep.length === 0) return;
  state.points = keep.map(i => state.points[i]); state.labels = keep.map(i => state.labels[i]);
  state.W.pop(); state.b.pop();
  evaluate();
});

load('lecture');
