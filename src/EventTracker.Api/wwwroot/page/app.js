// The timeline page: plain ES modules, no build step, only the public API. State lives in the URL with the API's
// own parameter names, so a view can be shared as a link.

import { $, API, DAY, element, getJson, span, dated } from './common.js';
import { drawChart, drawEvents, resetChart } from './chart.js';
import { claimPanel, setUpPanel, showEvent, showLedger, showSummary, typeLabels } from './panel.js';
import { SAVED_NOTE, startRecordView } from './record.js';

const PAGE_SIZE = 50;

const state = { organization: null, counterpart: null, from: '', to: '', types: [] };
const names = { organization: new Map(), counterpart: new Map() };
let view = 0;
let cursor = null;
let pageLoadingFor = null;

function readUrl() {
  const query = new URLSearchParams(location.search);
  const id = (name) => (/^\d+$/.test(query.get(name) ?? '') ? Number(query.get(name)) : null);
  state.organization = id('organization');
  state.counterpart = id('counterpart');
  state.from = query.get('from') ?? '';
  state.to = query.get('to') ?? '';
  state.types = query.getAll('type');
}

export function filterParams() {
  const query = new URLSearchParams();
  if (state.organization) query.append('organization', state.organization);
  if (state.counterpart && state.organization) query.append('counterpart', state.counterpart);
  if (state.from) query.append('from', state.from);
  if (state.to) query.append('to', state.to);
  for (const type of state.types) query.append('type', type);
  return query;
}

function setStatus(text) { $('status').textContent = text; }

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
    for (const type of types.items) typeLabels.set(type.code, type.label);
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

function markSelected(id) {
  for (const mark of $('timeline').querySelectorAll('[data-id]')) mark.classList.toggle('selected', mark.dataset.id === String(id));
  for (const item of $('events').children) item.setAttribute('aria-selected', item.dataset.id === String(id) ? 'true' : 'false');
}

// --- loading a view: every answer is used only while its view is still the current one -----------

async function loadView() {
  const current = ++view;
  cursor = null;
  claimPanel();
  $('events').replaceChildren();
  resetChart(showEvent);
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
    showSummary(histogram, Boolean(state.organization && state.counterpart));
    $('events-heading').textContent = `Events (${histogram.total})`;
    setStatus(histogram.total === 0 ? 'No event matches these filters.' : '');
    await loadMore(current, true);
  } catch (error) {
    if (current === view) setStatus(error.message);
  }
}

async function loadMore(current = view, firstPage = false) {
  if (current !== view || pageLoadingFor === current || (!firstPage && !cursor)) return;
  pageLoadingFor = current;
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
    if (current === view) setStatus(error.message);
  } finally {
    if (pageLoadingFor === current) pageLoadingFor = null;
  }
}

function listItem(event) {
  return element('li', { tabindex: 0, 'data-id': event.id, onclick: () => showEvent(event.id), onkeydown: (key) => { if (key.key === 'Enter') showEvent(event.id); } },
    dated(event.date, element('span', { class: 'title', text: event.title }), ' ',
      element('span', { class: 'type', title: event.type, text: typeLabels.get(event.type) ?? event.type })));
}

// --- start -------------------------------------------------------------------------------------

async function start() {
  if (new URLSearchParams(location.search).get('view') === 'record') {
    await startRecordView();
    return;
  }
  readUrl();
  setUpPanel(markSelected);
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
  $('ledger-button').addEventListener('click', () => { readForm(); showLedger(state); });
  window.addEventListener('popstate', async () => { readUrl(); await showPickedNames(); writeForm(); loadView(); });
  new IntersectionObserver((entries) => { if (entries.some((entry) => entry.isIntersecting)) loadMore(); }).observe($('more'));
  const saved = sessionStorage.getItem(SAVED_NOTE);
  sessionStorage.removeItem(SAVED_NOTE);
  await loadView();
  if (saved) setStatus(saved);
  const picked = new URLSearchParams(location.search).get('event');
  if (/^\d+$/.test(picked ?? '')) showEvent(Number(picked));
}

start();
