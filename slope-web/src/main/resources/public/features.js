// kNN regions and the polar transform. Classes come from POST /api/knn/regions; the linear classifiers are
// trained by POST /api/playground/step, one gradient step per request.
import {COLOURS, View, api, chart, fmt, tint} from './common.js';

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
function drawFeatures(f) {
  const canvas = $('hogImage'), c = canvas.getContext('2d');
  const scale = Math.min(canvas.width / f.width, canvas.height / f.height);
  const raw = atob(f.pixels);
  const img = c.createImageData(f.width, f.height);
  for (let i = 0; i < f.width * f.height; i++) {
    for (let ch = 0; ch < 3; ch++) {
      img.data[4 * i + ch] = raw.charCodeAt(f.channels === 3 ? 3 * i + ch : i);
    }
    img.data[4 * i + 3] = 255;
  }
  const off = document.createElement('canvas');
  off.width = f.width; off.height = f.height;
  off.getContext('2d').putImageData(img, 0, 0);
  c.clearRect(0, 0, canvas.width, canvas.height);
  c.imageSmoothingEnabled = false;
  c.globalAlpha = 0.55;
  c.drawImage(off, 0, 0, f.width * scale, f.height * scale);
  c.globalAlpha = 1;
  const h = f.hog, size = h.cell * scale, max = Math.max(...h.values, 1e-9);
  c.strokeStyle = '#f2a541';
  c.lineWidth = Math.max(1, size / 16);
  for (let cy = 0; cy < h.cells_y; cy++) {
    for (let cx = 0; cx < h.cells_x; cx++) {
      const x0 = (cx + 0.5) * size, y0 = (cy + 0.5) * size;
      for (let b = 0; b < h.bins; b++) {
        const v = h.values[(cy * h.cells_x + cx) * h.bins + b] / max;
        // a gradient of angle θ makes an edge along θ + 90°: draw the edge
        const a = (b + 0.5) * Math.PI / h.bins + Math.PI / 2, r = 0.5 * size * v;
        c.beginPath();
        c.moveTo(x0 - r * Math.cos(a), y0 + r * Math.sin(a));
        c.lineTo(x0 + r * Math.cos(a), y0 - r * Math.sin(a));
        c.stroke();
      }
    }
  }
  const hv = f.histogram.values;
  // hue bins are filled with their hue: a gradient across the plot, one stop per bin
  const hueFill = u => {
    const g = u.ctx.createLinearGradient(u.bbox.left, 0, u.bbox.left + u.bbox.width, 0);
    hv.forEach((v, i) => g.addColorStop((i + 0.5) / hv.length, `hsl(${(i + 0.5) * 360 / hv.length}, 70%, 50%)`));
    return g;
  };
  chart($('histogram'), 'histogram', [{label: f.histogram.of, values: hv, colour: '#667085',
      fill: f.histogram.of === 'hue' ? hueFill : '#667085'}],
      {bars: true, xLabel: 'bin', yLabel: 'share of pixels', height: 200});
  $('histogramOf').textContent = `${hv.length} bins of ${f.histogram.of}; ${h.cells_y}×${h.cells_x} cells × ${h.bins} bins`
    + ` = ${h.values.length} HOG numbers for this ${f.width}×${f.height} image.`;
  $('imageLabel').textContent = f.label ? `${f.label} (test image ${f.index})` : 'your picture';
  document.body.dataset.hogCells = String(h.cells_y * h.cells_x);
}

async function showSample() {
  try {
    drawFeatures(await api(`/api/features/sample?index=${Number($('imageIndex').value) || 0}`));
    $('imageError').textContent = '';
  } catch (e) { $('imageError').textContent = e.message; }
}

$('imageIndex').addEventListener('change', showSample);
// the server's limit on a request body, from /api/health: a larger file is refused here, before it is sent
const maxBody = api('/api/health').then(h => h.max_body_bytes, () => Infinity);
$('upload').addEventListener('change', async () => {
  const file = $('upload').files[0];
  if (!file) return;
  const limit = await maxBody;
  if (file.size > limit) {
    $('imageError').textContent = `${file.name} is ${fmt(file.size / 1048576, 2)} MB; the server takes pictures of at most `
      + `${fmt(limit / 1048576, 2)} MB (${limit} bytes): choose a smaller one, or save it at a smaller size`;
    return;
  }
  const response = await fetch('/api/features/image', {method: 'POST', body: file});
  const json = await response.json();
  if (!response.ok) { $('imageError').textContent = json.error; return; }
  $('imageError').textContent = '';
  drawFeatures(json);
});
showSample();
for (const id of ['k', 'distance']) $(id).addEventListener('change', drawKnn);
$('knnPreset').addEventListener('change', () => loadPoints(1));
$('reseed').addEventListener('click', () => loadPoints(Math.floor(Math.random() * 1e9)));
loadPoints(1);
