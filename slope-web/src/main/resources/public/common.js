// Shared by the pages: class colours, the view of the plane, and JSON requests that report the server's message.

export const COLOURS = ['#e4572e', '#2f6fde', '#29a35a', '#f2a541', '#8e5ad6', '#17a2b8', '#d6336c', '#6c757d', '#a0522d', '#20c997'];

export function tint(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The plane from -R to R on both axes, drawn on a square canvas. */
export class View {
  constructor(canvas, range = 3.5) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.range = range;
  }
  px(x) { return (x + this.range) / (2 * this.range) * this.canvas.width; }
  py(y) { return (this.range - y) / (2 * this.range) * this.canvas.height; }
  x(px) { return px / this.canvas.width * 2 * this.range - this.range; }
  y(py) { return this.range - py / this.canvas.height * 2 * this.range; }
  /** Canvas coordinates of a mouse event. */
  at(event) {
    const r = this.canvas.getBoundingClientRect();
    return [(event.clientX - r.left) * this.canvas.width / r.width, (event.clientY - r.top) * this.canvas.height / r.height];
  }
  axes() {
    const c = this.ctx;
    c.strokeStyle = '#c5cad3';
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(this.px(-this.range), this.py(0)); c.lineTo(this.px(this.range), this.py(0));
    c.moveTo(this.px(0), this.py(-this.range)); c.lineTo(this.px(0), this.py(this.range));
    c.stroke();
  }
  points(points, labels, radius = 6) {
    const c = this.ctx;
    points.forEach((p, i) => {
      c.beginPath();
      c.arc(this.px(p[0]), this.py(p[1]), radius, 0, 2 * Math.PI);
      c.fillStyle = COLOURS[labels[i] % COLOURS.length];
      c.fill();
      c.lineWidth = 1.5;
      c.strokeStyle = '#fff';
      c.stroke();
    });
  }
}

/** POST (or GET without a body) to the API; throws an Error carrying the server's message. */
export async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch (e) { json = {error: text}; }
  if (!response.ok) {
    throw new Error((json.field ? json.field + ': ' : '') + (json.error || response.statusText));
  }
  return json;
}

export function fmt(v, digits = 3) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)) return v.toExponential(2);
  return v.toFixed(digits);
}

/**
 * A chart drawn by uPlot (served from its webjar, no network): axes with ticks and labels, a legend that shows the
 * values under the cursor. Series share x = 1, 2, ... (epochs, updates); a value that is not finite is a gap. Options:
 * log (a log scale for the y axis when every value is positive and they span more than a factor of 10), percent
 * (values in [0, 1] shown as %), bars (a histogram), xLabel, yLabel. The y axis fits the data, so curves that move
 * by a little are not flattened. Each chart is kept in window.slopeCharts[name]: its data is what the page shows
 * (the browser tests read it).
 */
export function chart(container, name, series, {log = false, percent = false, bars = false, xLabel = 'epoch',
                                                yLabel = '', height = 180} = {}) {
  const n = Math.max(0, ...series.map(s => s.values.length));
  const xs = Array.from({length: n}, (_, i) => i + 1);
  const ys = series.map(s => Array.from({length: n}, (_, i) => Number.isFinite(s.values[i]) ? s.values[i] : null));
  const finite = ys.flat().filter(v => v !== null);
  const useLog = log && finite.length > 1 && finite.every(v => v > 0)
      && Math.max(...finite) / Math.min(...finite) > 10;
  const charts = (window.slopeCharts = window.slopeCharts || {});
  const shape = series.map(s => s.label + s.colour).join('|') + (useLog ? '|log' : '') + '|' + container.clientWidth;
  const data = [xs, ...ys];
  let u = charts[name];
  if (u && u.slopeShape === shape) {
    u.setData(data);
    return u;
  }
  if (u) u.destroy();
  const show = v => v === null || v === undefined ? '–' : percent ? (100 * v).toFixed(2) + '%' : fmt(v, 4);
  u = new uPlot({
    width: Math.max(240, container.clientWidth || 400),
    height,
    scales: {x: {time: false, range: bars ? (self, lo, hi) => [lo - 0.5, hi + 0.5] : undefined},
             y: {distr: useLog ? 3 : 1, range: bars ? (self, lo, hi) => [0, hi * 1.05 || 1] : undefined}},
    axes: [
      {label: xLabel, size: 36},
      {label: yLabel, size: 64, values: percent ? (self, ticks) => ticks.map(t => (100 * t).toFixed(1) + '%') : undefined},
    ],
    series: [
      {label: xLabel, value: (self, v) => v === null || v === undefined ? '–' : String(v)},
      ...series.map(s => ({
        label: s.label, stroke: s.colour, width: bars ? 0 : 2, value: (self, v) => show(v),
        fill: bars ? s.fill || s.colour : undefined,
        paths: bars ? uPlot.paths.bars({size: [0.9, 64]}) : undefined,
        points: {show: !bars && n < 60},
      })),
    ],
    cursor: {drag: {x: false, y: false}},
    legend: {live: true},
  }, data, container);
  u.slopeShape = shape;
  charts[name] = u;
  return u;
}
