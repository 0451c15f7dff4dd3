// The timeline page (design.md section 9): plain ES modules, no build step, only the public API.
// State lives in the URL with the API's own parameter names, so a view can be shared as a link.

const API = '/api/v1';
const PAGE_SIZE = 50;
const $ = (id) => document.getElementById(id);

const state = { organization: null, counterpart: null, from: '', to: '', types: [] };
const names = { organization: new Map(), counterpart: new Map() };
let view = 0;
let cursor = null;
let loadingMore = false;
let drawn = [];
let scale = null;

function readUrl() {
  const query = new URLSearchParams(location.search);
  const id = (name) => (/^\d+$/.test(query.get(name) ?? '') ? Number(query.get(name)) : null);
  state.organization = id('organization');
  state.counterpart = id('counterpart');
  state.from = query.get('from') ?? '';
  state.to = query.get('to') ?? '';
  state.types = query.getAll('type');
}

function filterParams() {
  const query = new URLSearchParams();
  if (state.organization) query.append('organization', state.organization);
  if (state.counterpart && state.organization) query.append('counterpart', state.counterpart);
  if (state.from) query.append('from', state.from);
  if (state.to) query.append('to', state.to);
  for (const type of state.types) query.append('type', type);
  return query;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const errors = body?.errors ? Object.entries(body.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join('; ') : '';
    throw new Error(errors || body?.detail || body?.title || `${response.status} ${response.statusText}`);
  }
  return body;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function setStatus(text) { $('status').textContent = text; }

// Replaces a container's content with the given nodes, leaving out the absent ones.
function fill(container, ...nodes) { container.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined)); }

// --- dates -------------------------------------------------------------------------------------

function span(date) {
  const [year, month, day] = date.split('-').map(Number);
  if (day) return [Date.UTC(year, month - 1, day), Date.UTC(year, month - 1, day)];
  if (month) return [Date.UTC(year, month - 1, 1), Date.UTC(year, month, 0)];
  return [Date.UTC(year, 0, 1), Date.UTC(year, 11, 31)];
}

const DAY = 86_400_000;

function intervalFor(first, last) {
  const days = (last - first) / DAY;
  if (days > 365 * 8) return 'year';
  if (days > 400) return 'month';
  if (days > 120) return 'week';
  return 'day';
}

// --- pickers -----------------------------------------------------------------------------------

function setUpPicker(role) {
  const input = $(`${role}-input`);
  const list = $(`${role}-options`);
  let timer = null;
  input.addEventListener('input', () => {
    const chosen = names[role].get(input.value);
    state[role] = chosen ?? null;
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text || chosen) return;
    timer = setTimeout(async () => {
      try {
        const page = await getJson(`${API}/organizations?limit=10&q=${encodeURIComponent(text)}`);
        list.replaceChildren(...page.items.map((organization) => {
          names[role].set(organization.name, organization.id);
          return element('option', { value: organization.name, label: `${organization.kind}${organization.countryCode ? ' · ' + organization.countryCode : ''}` });
        }));
      } catch (error) {
        setStatus(error.message);
      }
    }, 200);
  });
}

async function showPickedNames() {
  for (const role of ['organization', 'counterpart']) {
    const id = state[role];
    $(`${role}-input`).value = '';
    if (!id) continue;
    try {
      const organization = await getJson(`${API}/organizations/${id}`);
      names[role].set(organization.name, organization.id);
      $(`${role}-input`).value = organization.name;
    } catch {
      $(`${role}-input`).value = '';
    }
  }
}

async function setUpTypes() {
  try {
    const types = await getJson(`${API}/event-types`);
    $('type-options').replaceChildren(...types.items.map((type) => element('label', {},
      element('input', { type: 'checkbox', value: type.code, checked: state.types.includes(type.code) }), ' ', type.label)));
  } catch (error) {
    setStatus(error.message);
  }
}

function readForm() {
  state.from = $('from').value.trim();
  state.to = $('to').value.trim();
  state.types = [...$('type-options').querySelectorAll('input:checked')].map((box) => box.value);
  for (const role of ['organization', 'counterpart']) {
    const text = $(`${role}-input`).value;
    state[role] = text ? names[role].get(text) ?? state[role] : null;
  }
}

function writeForm() {
  $('from').value = state.from;
  $('to').value = state.to;
  for (const box of $('type-options').querySelectorAll('input')) box.checked = state.types.includes(box.value);
}

// --- the chart ---------------------------------------------------------------------------------

function drawChart(histogram, first, last) {
  const chart = $('timeline');
  const width = chart.clientWidth || 900;
  const height = 220;
  const [left, right, barTop, axisY] = [40, 12, 10, 140];
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.replaceChildren();
  scale = (time) => left + ((time - first) / Math.max(DAY, last - first + DAY)) * (width - left - right);
  scale.left = left;
  scale.right = width - right;
  const highest = Math.max(1, ...histogram.buckets.map((bucket) => bucket.total));
  for (const bucket of histogram.buckets) {
    const [start] = span(bucket.start);
    const [, end] = span(bucket.end);
    const x = scale(start);
    const barWidth = Math.max(1, scale(end + DAY) - x - 1);
    const barHeight = ((axisY - barTop - 6) * bucket.total) / highest;
    const bar = svg('rect', { class: 'bar', x, y: axisY - 4 - barHeight, width: barWidth, height: barHeight });
    bar.append(svg('title'));
    bar.firstChild.textContent = `${bucket.label}: ${bucket.total} event${bucket.total === 1 ? '' : 's'}`;
    chart.append(bar);
  }
  chart.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: axisY, y2: axisY }));
  const years = new Date(last).getUTCFullYear() - new Date(first).getUTCFullYear();
  const step = Math.max(1, Math.ceil(years / 12));
  for (let year = new Date(first).getUTCFullYear(); year <= new Date(last).getUTCFullYear(); year += step) {
    const x = scale(Date.UTC(year, 0, 1));
    if (x < left - 1) continue;
    chart.append(svg('line', { class: 'axis', x1: x, x2: x, y1: axisY, y2: axisY + 4 }));
    const label = svg('text', { class: 'tick', x: x + 2, y: axisY + 14 });
    label.textContent = String(year);
    chart.append(label);
  }
  const count = svg('text', { class: 'tick', x: left, y: barTop + 2 });
  count.textContent = `${histogram.total} events`;
  chart.append(count);
  drawn = [];
}

function drawEvents(events) {
  const chart = $('timeline');
  if (!scale) return;
  for (const event of events) {
    const [start] = span(event.date);
    const [, end] = span(event.endDate ?? event.date);
    const lane = drawn.length % 5;
    const y = 160 + lane * 11;
    const [minX, maxX] = [scale.left, scale.right];
    const x = Math.min(maxX, Math.max(minX, scale(start)));
    const mark = end > start
      ? svg('rect', { class: 'range', x, y: y - 4, width: Math.max(3, Math.min(maxX, scale(end + DAY)) - x), height: 8, 'data-id': event.id })
      : svg('circle', { class: 'point', cx: x, cy: y, r: 4, 'data-id': event.id });
    mark.append(svg('title'));
    mark.firstChild.textContent = `${event.date} — ${event.title}`;
    mark.addEventListener('click', () => showEvent(event.id));
    chart.append(mark);
    drawn.push(event.id);
  }
}

function markSelected(id) {
  for (const mark of $('timeline').querySelectorAll('[data-id]')) mark.classList.toggle('selected', mark.dataset.id === String(id));
  for (const item of $('events').children) item.setAttribute('aria-selected', item.dataset.id === String(id) ? 'true' : 'false');
}

// --- loading a view ----------------------------------------------------------------------------

async function loadView() {
  const current = ++view;
  cursor = null;
  $('events').replaceChildren();
  $('timeline').replaceChildren();
  scale = null;
  const query = filterParams();
  $('export-csv').href = `${API}/events/export?format=csv&${query}`;
  $('export-ndjson').href = `${API}/events/export?format=ndjson&${query}`;
  $('ledger-button').disabled = !(state.organization && state.counterpart);
  setStatus('Loading…');
  try {
    let first = state.from ? span(state.from)[0] : null;
    let last = state.to ? span(state.to)[1] : null;
    let histogram = await getJson(`${API}/timeline/histogram?interval=${first && last ? intervalFor(first, last) : 'year'}&${query}`);
    if (current !== view) return;
    if (histogram.buckets.length > 0) {
      first ??= span(histogram.buckets[0].start)[0];
      last ??= span(histogram.buckets[histogram.buckets.length - 1].end)[1];
      const finer = intervalFor(first, last);
      if (finer !== histogram.interval) histogram = await getJson(`${API}/timeline/histogram?interval=${finer}&${query}`);
    }
    if (current !== view) return;
    first ??= Date.UTC(new Date().getUTCFullYear(), 0, 1);
    last ??= first + 365 * DAY;
    drawChart(histogram, first, last);
    $('events-heading').textContent = `Events (${histogram.total})`;
    setStatus(histogram.total === 0 ? 'No event matches these filters.' : '');
    await loadMore(current, true);
  } catch (error) {
    if (current === view) setStatus(error.message);
  }
}

async function loadMore(current = view, firstPage = false) {
  if (loadingMore || (!firstPage && !cursor)) return;
  loadingMore = true;
  try {
    const query = filterParams();
    query.set('limit', PAGE_SIZE);
    if (cursor) query.set('cursor', cursor);
    const page = await getJson(`${API}/timeline?${query}`);
    if (current !== view) return;
    cursor = page.nextCursor;
    $('events').append(...page.items.map(listItem));
    drawEvents(page.items);
  } catch (error) {
    setStatus(error.message);
  } finally {
    loadingMore = false;
  }
}

function listItem(event) {
  return element('li', { tabindex: 0, 'data-id': event.id, onclick: () => showEvent(event.id), onkeydown: (key) => { if (key.key === 'Enter') showEvent(event.id); } },
    element('span', { class: 'date', text: event.date }), event.title, element('span', { class: 'type', text: event.type }));
}

// --- the panel: an event, its chain, a ledger --------------------------------------------------

async function showEvent(id) {
  markSelected(id);
  const panel = $('panel');
  try {
    const event = await getJson(`${API}/events/${id}`);
    const participants = event.participants.map((p) => element('li', {}, `${p.name} `, element('span', { class: 'muted', text: `(${p.role})` })));
    const quantities = event.quantities.map((q) => element('li', { text: `${q.kind.replaceAll('_', ' ')}: ${q.value}${q.unit ? ' ' + q.unit : ''}` }));
    const citations = event.citations.map((c) => element('li', {},
      c.quote ? element('blockquote', { text: `“${c.quote}”` }) : null,
      c.speakerName ? element('div', { class: 'speaker', text: `— ${c.speakerName}` }) : null,
      c.sourceUrl ? element('a', { href: c.sourceUrl, rel: 'noopener', target: '_blank', text: c.sourceTitle }) : element('span', { text: c.sourceTitle }),
      c.sourcePublisher ? element('span', { class: 'muted', text: ` · ${c.sourcePublisher}` }) : null));
    const relations = event.relations.map((r) => element('li', {}, `${r.type.replaceAll('_', ' ')} `,
      element('a', { href: '#', onclick: (click) => { click.preventDefault(); showEvent(r.targetEventId); }, text: r.targetTitle }),
      element('span', { class: 'muted', text: ` (${r.targetDate})` })));
    fill(panel,
      element('h3', { text: event.title }),
      element('p', { class: 'muted', text: `${event.date} · ${event.type.replaceAll('_', ' ')}${event.status ? ' · ' + event.status.replaceAll('_', ' ') : ''}` }),
      event.summary ? element('p', { text: event.summary }) : null,
      element('button', { type: 'button', class: 'secondary', onclick: () => showChain(id), text: 'Chain' }),
      element('h4', { text: 'Participants' }), element('ul', {}, ...participants),
      quantities.length ? element('h4', { text: 'Quantities' }) : null, quantities.length ? element('ul', {}, ...quantities) : null,
      citations.length ? element('h4', { text: 'Sources and quotes' }) : null, citations.length ? element('ul', { class: 'citations' }, ...citations) : null,
      relations.length ? element('h4', { text: 'Relations' }) : null, relations.length ? element('ul', {}, ...relations) : null);
  } catch (error) {
    panel.replaceChildren(element('p', { text: error.message }));
  }
}

function lagText(edge) {
  if (edge.lagDays !== null && edge.lagDays !== undefined) return `${edge.lagDays} day${edge.lagDays === 1 ? '' : 's'}`;
  return `${edge.lagDaysMin}–${edge.lagDaysMax} days`;
}

async function showChain(id) {
  const panel = $('panel');
  try {
    const chain = await getJson(`${API}/events/${id}/chain`);
    const titles = new Map(chain.steps.map((step) => [step.event.id, step.event]));
    const items = chain.steps.map((step) => {
      const answers = chain.edges.filter((edge) => edge.fromEventId === step.event.id && edge.type === 'responds_to');
      return element('li', {},
        element('span', { class: 'date', text: step.event.date }), ' ',
        element('a', { href: '#', onclick: (click) => { click.preventDefault(); showEvent(step.event.id); }, text: step.event.title }),
        ...answers.map((edge) => element('div', { class: 'muted' }, 'answers ', titles.get(edge.toEventId)?.title ?? `event ${edge.toEventId}`,
          ' after ', element('span', { class: 'lag', text: lagText(edge) }))));
    });
    fill(panel, element('h3', { text: 'Tit-for-tat chain' }),
      element('p', { class: 'muted', text: `${chain.steps.length} events${chain.truncated ? ' (cut short)' : ''}` }),
      element('ol', { class: 'chain' }, ...items));
  } catch (error) {
    panel.replaceChildren(element('p', { text: error.message }));
  }
}

async function showLedger() {
  if (!(state.organization && state.counterpart)) return;
  const panel = $('panel');
  const query = new URLSearchParams({ a: state.organization, b: state.counterpart });
  if (state.from) query.set('from', state.from);
  if (state.to) query.set('to', state.to);
  try {
    const ledger = await getJson(`${API}/dyads/ledger?${query}`);
    const row = (label, side) => element('tr', {}, element('th', { text: label }),
      ...[side.measures, side.diplomatsExpelled, side.accreditationsWithdrawn, side.staffReductions].map((n) => element('td', { class: 'number', text: String(n) })));
    const exchanges = ledger.exchanges.map((exchange) => element('li', {},
      element('span', { class: 'date', text: exchange.measure.date }), exchange.measure.title,
      element('ul', {}, ...exchange.responses.map((answer) => element('li', {},
        `${answer.date} ${answer.title} — `, element('span', { class: 'lag', text: `${answer.lagDays} days` }),
        answer.proportionality !== null ? ` · proportionality ${answer.proportionality}` : '')))));
    const unanswered = ledger.unanswered.map((measure) => element('li', {}, element('span', { class: 'date', text: measure.date }), measure.title));
    const lags = ledger.responseLagDays;
    fill(panel,
      element('h3', { text: `Ledger: ${ledger.a.name} and ${ledger.b.name}` }),
      element('table', { class: 'ledger' },
        element('thead', {}, element('tr', {}, element('th', { text: '' }),
          ...['measures', 'diplomats expelled', 'accreditations withdrawn', 'staff reductions'].map((h) => element('th', { class: 'number', text: h })))),
        element('tbody', {}, row(`${ledger.a.name} → ${ledger.b.name}`, ledger.aToB), row(`${ledger.b.name} → ${ledger.a.name}`, ledger.bToA), row('balance', ledger.balance))),
      element('p', { class: 'muted', text: lags.count ? `Answers: ${lags.count}, median ${lags.median} days (${lags.min}–${lags.max})` : 'No answers.' }),
      element('h4', { text: 'Exchanges' }), element('ul', { class: 'exchanges' }, ...exchanges),
      element('h4', { text: 'Unanswered' }), element('ul', { class: 'unanswered' }, ...unanswered));
  } catch (error) {
    panel.replaceChildren(element('p', { text: error.message }));
  }
}

// --- start -------------------------------------------------------------------------------------

async function start() {
  readUrl();
  setUpPicker('organization');
  setUpPicker('counterpart');
  await Promise.all([setUpTypes(), showPickedNames()]);
  writeForm();
  $('filters').addEventListener('submit', (submit) => {
    submit.preventDefault();
    readForm();
    history.pushState(null, '', `/?${filterParams()}`);
    loadView();
  });
  $('ledger-button').addEventListener('click', () => { readForm(); showLedger(); });
  window.addEventListener('popstate', async () => { readUrl(); await showPickedNames(); writeForm(); loadView(); });
  new IntersectionObserver((entries) => { if (entries.some((entry) => entry.isIntersecting)) loadMore(); }).observe($('more'));
  await loadView();
}

start();
