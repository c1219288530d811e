// The prediction page: a model (a dashboard run's, or an uploaded .slope file), images dropped or chosen, and for
// each the class, a bar per class and the map of which pixels pushed the decision (POST /api/predict).
import {api} from './common.js';

const $ = id => document.getElementById(id);
let model = null; // the query string naming it: run=ID or model=ID
const limits = api('/api/health').then(h => h.max_upload_bytes, () => Infinity);

async function send(path, file) {
  const max = await limits;
  if (file.size > max) {
    throw new Error(`${file.name} is ${file.size} bytes; the server reads at most ${max}`);
  }
  const response = await fetch(path, {method: 'POST', body: file});
  const json = await response.json().catch(() => ({error: response.statusText}));
  if (!response.ok) {
    throw new Error((json.field ? json.field + ': ' : '') + json.error);
  }
  return json;
}

function describe(info) {
  $('modelInfo').textContent = `${info.classes.length} classes, ${info.shape} images, ${info.output}s`
      + (info.features !== 'pixels' ? `, features ${info.features}` : '');
}

async function loadRuns() {
  const runs = await api('/api/runs');
  const select = $('run');
  const chosen = select.value;
  select.innerHTML = '';
  const withModels = runs.filter(r => r.has_model);
  const none = document.createElement('option');
  none.value = '';
  none.textContent = withModels.length ? '(choose a run)' : '(none yet: train one on the dashboard)';
  select.appendChild(none);
  for (const r of withModels) {
    const o = document.createElement('option');
    o.value = r.id;
    o.textContent = `run ${r.id}` + (r.test_accuracy !== undefined && r.test_accuracy !== null
        ? `: ${(100 * r.test_accuracy).toFixed(2)}% test` : '');
    select.appendChild(o);
  }
  select.value = chosen;
}

$('run').addEventListener('change', () => {
  $('modelError').textContent = '';
  model = $('run').value ? `run=${$('run').value}` : null;
  $('modelInfo').textContent = model ? `run ${$('run').value} of the dashboard` : '';
});

$('modelFile').addEventListener('change', async () => {
  const file = $('modelFile').files[0];
  if (!file) return;
  $('modelError').textContent = '';
  try {
    const info = await send('/api/predict/models', file);
    model = `model=${info.model}`;
    $('run').value = '';
    describe(info);
  } catch (e) {
    model = null;
    $('modelInfo').textContent = '';
    $('modelError').textContent = e.message;
  }
});

function drawContributions(canvas, values, shape) {
  const [h, w] = shape.split('x').map(Number);
  canvas.width = w;
  canvas.height = h;
  const c = canvas.getContext('2d');
  const image = c.createImageData(w, h);
  const top = Math.max(1e-12, ...values.map(Math.abs));
  values.forEach((v, i) => {
    const a = Math.min(1, Math.abs(v) / top);
    image.data[4 * i] = v > 0 ? 228 : 47;
    image.data[4 * i + 1] = v > 0 ? 87 : 111;
    image.data[4 * i + 2] = v > 0 ? 46 : 222;
    image.data[4 * i + 3] = Math.round(255 * a);
  });
  c.putImageData(image, 0, 0);
}

function show(file, answer) {
  const row = document.createElement('div');
  row.className = 'result';
  const img = document.createElement('img');
  img.src = URL.createObjectURL(file);
  img.alt = file.name;
  img.className = 'thumb';
  row.appendChild(img);
  const text = document.createElement('div');
  const title = document.createElement('p');
  title.className = 'predicted';
  title.textContent = `${file.name}: ${answer.class}`;
  text.appendChild(title);
  const bars = document.createElement('div');
  bars.className = 'bars';
  const top = Math.max(...answer.outputs.map(o => Math.abs(o.value)), 1e-12);
  answer.outputs.forEach((o, i) => {
    const bar = document.createElement('div');
    bar.className = 'bar' + (i === answer.label ? ' best' : '');
    bar.dataset.name = o.name;
    bar.dataset.value = o.value;
    const width = answer.output === 'probability' ? 100 * o.value : 100 * Math.abs(o.value) / top;
    bar.innerHTML = `<span class="name"></span><span class="fill" style="width:${width.toFixed(1)}%"></span>`
        + `<span class="value"></span>`;
    bar.querySelector('.name').textContent = o.name;
    bar.querySelector('.value').textContent = answer.output === 'probability' ? o.value.toFixed(3) : o.value.toFixed(2);
    bars.appendChild(bar);
  });
  text.appendChild(bars);
  row.appendChild(text);
  if (answer.contributions) {
    const canvas = document.createElement('canvas');
    canvas.className = 'contributions';
    canvas.title = 'which pixels pushed the decision';
    drawContributions(canvas, answer.contributions, answer.shape);
    row.appendChild(canvas);
  } else if (answer.contributions_note) {
    const note = document.createElement('p');
    note.className = 'hint';
    note.textContent = answer.contributions_note;
    row.appendChild(note);
  }
  $('results').prepend(row);
}

async function classify(files) {
  $('error').textContent = '';
  if (!model) {
    $('error').textContent = 'choose a run or upload a model file first';
    return;
  }
  for (const file of files) {
    try {
      show(file, await send(`/api/predict?${model}`, file));
    } catch (e) {
      $('error').textContent = e.message;
    }
  }
}

$('images').addEventListener('change', async () => {
  const files = [...$('images').files];
  $('images').value = ''; // the next choice holds only its own files
  await classify(files);
});
const drop = $('drop');
drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', e => {
  e.preventDefault();
  drop.classList.remove('over');
  classify([...e.dataTransfer.files]);
});

loadRuns();
setInterval(loadRuns, 5000);
