// kNN regions and the polar transform. Classes come from POST /api/knn/regions; the linear classifiers are
// trained by POST /api/playground/step, one gradient step per request.
import {COLOURS, View, api, fmt, tint} from './common.js';

const $ = id => document.getElementById(id);
const knnView = new View($('knnPlane'));
let knnData = null;

async function loadPoints(seed) {
  knnData = await api(`/api/playground/preset/${$('knnPreset').value}?seed=${seed}`);
  await drawKnn();
}

async function drawKnn() {
  const k = Math.min(Number($('k').value), knnData.points.length);
  $('knnTitle').textContent = k;
  const grid = 112;
  const r = await api('/api/knn/regions', {points: knnData.points, labels: knnData.labels, classes: knnData.W.length,
                                           k, distance: $('distance').value, grid, range: knnView.range});
  const c = knnView.ctx, cell = knnView.canvas.width / grid;
  c.clearRect(0, 0, knnView.canvas.width, knnView.canvas.height);
  r.classes.forEach((cls, i) => {
    c.fillStyle = tint(COLOURS[cls % COLOURS.length], 0.25);
    c.fillRect((i % grid) * cell, Math.floor(i / grid) * cell, cell, cell);
  });
  knnView.axes();
  knnView.points(knnData.points, knnData.labels, 5);
  document.body.dataset.knnReady = 'yes';
}

async function trainSide(name, view) {
  const p = await api(`/api/playground/preset/${name}?seed=3`);
  let W = p.W, b = p.b, r = null;
  for (let i = 0; i < 300; i++) {
    r = await api('/api/playground/step', {points: p.points, labels: p.labels, W, b, loss: 'softmax', reg_type: 'l2',
                                           reg: 0.001, step_size: 0.5});
    W = r.next_W; b = r.next_b;
  }
  r = await api('/api/playground/step', {points: p.points, labels: p.labels, W, b, loss: 'softmax', reg_type: 'l2',
                                         reg: 0.001, step_size: 0.5});
  const c = view.ctx, w = view.canvas.width, cell = 8;
  c.clearRect(0, 0, w, w);
  for (let py = 0; py < w; py += cell) {
    for (let px = 0; px < w; px += cell) {
      const x = view.x(px + cell / 2), y = view.y(py + cell / 2);
      const s = W.map((row, k) => row[0] * x + row[1] * y + b[k]);
      const best = s.indexOf(Math.max(...s));
      c.fillStyle = tint(COLOURS[best], 0.2);
      c.fillRect(px, py, cell, cell);
    }
  }
  view.axes();
  view.points(p.points, p.labels, 4);
  return r;
}

$('train').addEventListener('click', async () => {
  $('train').disabled = true;
  const xy = await trainSide('circles', new View($('xyPlane')));
  const polar = await trainSide('polar', new View($('polarPlane')));
  $('polarTable').innerHTML = '<tr><th class="left">inputs</th><th>total loss</th><th>accuracy</th></tr>'
    + `<tr><td class="left">(x, y)</td><td>${fmt(xy.total_loss)}</td><td id="xyAccuracy">${(100 * xy.accuracy).toFixed(1)}%</td></tr>`
    + `<tr><td class="left">(r, θ)</td><td>${fmt(polar.total_loss)}</td><td id="polarAccuracy">${(100 * polar.accuracy).toFixed(1)}%</td></tr>`;
  $('train').disabled = false;
});
for (const id of ['k', 'distance']) $(id).addEventListener('change', drawKnn);
$('knnPreset').addEventListener('change', () => loadPoints(1));
$('reseed').addEventListener('click', () => loadPoints(Math.floor(Math.random() * 1e9)));
loadPoints(1);
