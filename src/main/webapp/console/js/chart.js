// Small SVG charts drawn by the console itself (no chart library): horizontal bars and a line over time. Labels are
// SVG text nodes set with textContent, so a reason or a status from the data is shown as text.
const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 480;

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

function frame(title, height, id) {
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', id });
  root.append(svg('title', {}, title), svg('text', { x: 8, y: 16, 'font-weight': 600 }, title));
  return root;
}

/** Horizontal bars, one per {label, value, bad}; each bar's value written at its end. */
export function barChart(title, items, id, unit = '') {
  const row = 24;
  const labelWidth = 210;
  const root = frame(title, 30 + Math.max(1, items.length) * row, id);
  const max = Math.max(1, ...items.map((i) => i.value));
  if (!items.length) {
    root.append(svg('text', { x: 8, y: 40, class: 'empty' }, 'no data yet'));
  }
  items.forEach((item, n) => {
    const y = 28 + n * row;
    const width = Math.max(1, (WIDTH - labelWidth - 70) * item.value / max);
    const label = item.label.length > 25 ? item.label.slice(0, 24) + '…' : item.label;
    const bar = svg('rect', { class: item.bad ? 'bar bad' : 'bar', x: labelWidth, y: y + 3, width, height: row - 8 });
    bar.append(svg('title', {}, item.label + ': ' + item.value + unit));
    root.append(svg('text', { x: 8, y: y + 15 }, label), bar,
      svg('text', { x: labelWidth + width + 6, y: y + 15 }, item.value + unit));
  });
  return root;
}

/** A line through points {t (ms), v}, with the latest value and the time span it covers; note while there are none. */
export function lineChart(title, points, id, unit = '', note = 'waiting for samples') {
  const height = 160;
  const root = frame(title, height, id);
  const [left, top, right, bottom] = [40, 28, WIDTH - 10, height - 22];
  root.append(svg('line', { class: 'axis', x1: left, y1: bottom, x2: right, y2: bottom }),
    svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: bottom }));
  if (points.length < 2) {
    root.append(svg('text', { x: left + 8, y: top + 30 }, note));
    return root;
  }
  const t0 = points[0].t;
  const span = Math.max(1, points[points.length - 1].t - t0);
  const max = Math.max(1, ...points.map((p) => p.v));
  const xy = points.map((p) => [left + (right - left) * (p.t - t0) / span, bottom - (bottom - top) * p.v / max]);
  root.append(svg('polyline', { class: 'line', points: xy.map((p) => p.map((c) => c.toFixed(1)).join(',')).join(' ') }),
    svg('text', { x: 4, y: top + 8 }, String(Math.round(max))),
    svg('text', { x: 4, y: bottom }, '0'),
    svg('text', { x: left, y: height - 6 }, `last ${Math.round(span / 1000)} s · now ${points[points.length - 1].v.toFixed(1)}${unit}`));
  return root;
}
