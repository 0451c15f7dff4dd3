// The chart: a histogram with its count scale above a labelled time axis, and every event below it, a dot
// in the middle of its day or a bar across its span, each in a lane of its own where it would overlap another.

import { $, DAY, span, svg } from './common.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LAYOUT = { left: 52, right: 14, barTop: 12, axisY: 132, lanesTop: 174, laneHeight: 11 };
const POINT_LANES = 8;

// Tick units from finest to coarsest, with the width one label needs; the finest that fits is used.
const UNITS = [['day', 1], ['day', 2], ['week', 1], ['month', 1], ['month', 3], ['month', 6],
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((step) => ['year', step])];
const UNIT_DAYS = { day: 1, week: 7, month: 30.44, year: 365.25 };
const LABEL_WIDTH = { day: 24, week: 34, month: 36, year: 44 };

let scale = null;
let lanes = [];
let onPick = () => {};

export function resetChart(pick) {
  scale = null;
  lanes = [];
  onPick = pick ?? onPick;
  $('timeline').replaceChildren();
  $('chart-caption').textContent = '';
}

export function axisUnit(first, last, width) {
  const days = (last - first) / DAY + 1;
  const plot = width - LAYOUT.left - LAYOUT.right;
  return UNITS.find(([unit, step]) => plot / (days / (UNIT_DAYS[unit] * step)) >= LABEL_WIDTH[unit]) ?? UNITS[UNITS.length - 1];
}

// Ticks between first and last (UTC days), each with its label: days and weeks by the day of the month, with the month
// and year below where it changes; months by name, January by its year; years by number.
export function axisTicks(first, last, width) {
  const [unit, step] = axisUnit(first, last, width);
  const times = [];
  const date = new Date(first);
  if (unit === 'day' || unit === 'week') {
    const days = unit === 'day' ? step : 7 * step;
    let time = unit === 'day' ? first : first + ((8 - date.getUTCDay()) % 7) * DAY;
    for (; time <= last; time += days * DAY) times.push(time);
  } else if (unit === 'month') {
    let month = date.getUTCFullYear() * 12 + date.getUTCMonth() + (date.getUTCDate() > 1 ? 1 : 0);
    month += (step - (month % step)) % step;
    for (; Date.UTC(Math.floor(month / 12), month % 12, 1) <= last; month += step) times.push(Date.UTC(Math.floor(month / 12), month % 12, 1));
  } else {
    let year = date.getUTCFullYear() + (first > Date.UTC(date.getUTCFullYear(), 0, 1) ? 1 : 0);
    year += (step - (((year % step) + step) % step)) % step;
    for (; Date.UTC(year, 0, 1) <= last; year += step) times.push(Date.UTC(year, 0, 1));
  }
  let previous = null;
  return times.map((time) => {
    const day = new Date(time);
    const [year, month] = [day.getUTCFullYear(), day.getUTCMonth()];
    let label = String(year);
    let context = null;
    if (unit === 'day' || unit === 'week') {
      label = String(day.getUTCDate());
      if (!previous || previous.getUTCMonth() !== month || previous.getUTCFullYear() !== year) context = `${MONTHS[month]} ${year}`;
    } else if (unit === 'month' && month > 0) {
      label = MONTHS[month];
    }
    previous = day;
    return { time, label, context, unit };
  });
}

// A count scale with round steps (1, 2 or 5 times a power of ten) whose top is at least the highest bar.
export function countScale(highest) {
  const rough = Math.max(1, highest) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough));
  return { step, top: Math.max(step, Math.ceil(Math.max(1, highest) / step) * step) };
}

function setHeight(chart, width) {
  const height = LAYOUT.lanesTop + Math.max(1, lanes.length) * LAYOUT.laneHeight + 6;
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.style.height = `${height}px`;
}

export function drawChart(histogram, first, last) {
  const chart = $('timeline');
  const width = chart.clientWidth || 900;
  const { left, right, barTop, axisY } = LAYOUT;
  chart.replaceChildren();
  lanes = [];
  scale = (time) => left + ((time - first) / (last - first + DAY)) * (width - left - right);
  scale.left = left;
  scale.right = width - right;
  scale.width = width;

  const { step, top } = countScale(Math.max(0, ...histogram.buckets.map((bucket) => bucket.total)));
  const y = (count) => axisY - ((axisY - barTop) * count) / top;
  for (let value = 0; value <= top; value += step) {
    chart.append(svg('line', { class: value === 0 ? 'axis' : 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value) }));
    chart.append(svg('text', { class: 'tick y-tick', x: left - 6, y: y(value) + 4, 'text-anchor': 'end', 'data-value': value }, value.toLocaleString('en')));
  }
  for (const bucket of histogram.buckets) {
    const [start] = span(bucket.start);
    const [, end] = span(bucket.end);
    const x = scale(start);
    const bar = svg('rect', { class: 'bar', x, y: y(bucket.total), width: Math.max(1, scale(end + DAY) - x - 1), height: axisY - y(bucket.total), 'data-total': bucket.total });
    bar.append(svg('title', {}, `${bucket.label}: ${bucket.total} event${bucket.total === 1 ? '' : 's'}`));
    chart.append(bar);
  }

  for (const tick of axisTicks(first, last, width)) {
    const x = scale(tick.time);
    const centre = tick.unit === 'day' ? scale(tick.time + DAY / 2) : x + 3;
    chart.append(svg('line', { class: 'axis', x1: x, x2: x, y1: axisY, y2: axisY + 5 }));
    chart.append(svg('text', { class: 'tick x-tick', x: centre, y: axisY + 17, 'text-anchor': tick.unit === 'day' ? 'middle' : 'start' }, tick.label));
    if (tick.context) chart.append(svg('text', { class: 'tick x-context', x: Math.max(left, x), y: axisY + 31 }, tick.context));
  }
  $('chart-caption').textContent = `Bars: events per ${histogram.interval}, counted on the left (${histogram.total.toLocaleString('en')} in all). ` +
    'Below the axis: each event, a dot on its day or a bar across the month or year it is dated to; click one for its details.';
  setHeight(chart, width);
}

// The first lane where the mark's extent overlaps nothing; dots stack at most POINT_LANES deep, spans never share.
function laneFor(from, to, isSpan) {
  for (let lane = 0; ; lane++) {
    if (lane === lanes.length) lanes.push([]);
    const free = lanes[lane].every(([start, end]) => to + 1 < start || end + 1 < from);
    const lastPointLane = !isSpan && lane === POINT_LANES - 1;
    if (free || lastPointLane) {
      lanes[lane].push([from, to]);
      return lane;
    }
  }
}

export function drawEvents(events) {
  const chart = $('timeline');
  if (!scale) return;
  const clamp = (x) => Math.min(scale.right, Math.max(scale.left, x));
  for (const event of events) {
    const [start] = span(event.date);
    const [, end] = span(event.endDate ?? event.date);
    let mark;
    if (end > start) {
      const x = clamp(scale(start));
      const width = Math.max(3, clamp(scale(end + DAY)) - x - 1);
      const y = LAYOUT.lanesTop + laneFor(x, x + width, true) * LAYOUT.laneHeight;
      mark = svg('rect', { class: 'range', x, y: y - 4, width, height: 8, 'data-id': event.id });
    } else {
      const x = clamp(scale(start + DAY / 2));
      const y = LAYOUT.lanesTop + laneFor(x - 5, x + 5, false) * LAYOUT.laneHeight;
      mark = svg('circle', { class: 'point', cx: x, cy: y, r: 4, 'data-id': event.id });
    }
    mark.append(svg('title', {}, `${event.date} — ${event.title}`));
    mark.addEventListener('click', () => onPick(event.id));
    chart.append(mark);
  }
  setHeight(chart, scale.width);
}
