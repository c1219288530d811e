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

/** A small line chart of one or more series on a canvas. */
export function lineChart(canvas, series, {min, max} = {}) {
  const c = canvas.getContext('2d');
  c.clearRect(0, 0, canvas.width, canvas.height);
  const all = series.flatMap(s => s.values).filter(v => Number.isFinite(v));
  if (all.length === 0) return;
  const lo = min ?? Math.min(...all), hi = max ?? Math.max(...all);
  const span = hi - lo || 1;
  const n = Math.max(...series.map(s => s.values.length));
  const pad = 28;
  c.fillStyle = '#667085';
  c.font = '11px system-ui';
  c.fillText(fmt(hi), 2, 10);
  c.fillText(fmt(lo), 2, canvas.height - 2);
  for (const s of series) {
    c.strokeStyle = s.colour;
    c.lineWidth = 2;
    c.beginPath();
    s.values.forEach((v, i) => {
      const x = pad + (n <= 1 ? 0 : i / (n - 1)) * (canvas.width - pad - 4);
      const y = 4 + (1 - (v - lo) / span) * (canvas.height - 12);
      if (i === 0) c.moveTo(x, y); else c.lineTo(x, y);
    });
    c.stroke();
  }
}
