// The record view (/?view=record): paste an article, draft it, review the cards, save, and open the timeline of
// what was saved. The editor's key is asked once and kept in sessionStorage only: never in the URL or localStorage.

import { $, API, ApiError, element, fill, getJson, span } from './common.js';
import { renderCards, setUpCards, usedRefs } from './cards.js';
import { showMarkedText } from './marks.js';

const KEY = 'eventtracker.editorKey';
export const SAVED_NOTE = 'eventtracker.saved';
let draft = null;

function setStatus(text) { $('record-status').textContent = text; }

// Asks for the key (once per tab), saying why when a key was refused; resolves to null when the person cancels.
function askForKey(problem = null) {
  const dialog = $('key-dialog');
  const keyInput = $('api-key');
  const error = $('api-key-error');
  keyInput.value = '';
  error.hidden = !problem;
  error.textContent = problem ?? '';
  keyInput.setAttribute('aria-invalid', problem ? 'true' : 'false');
  return new Promise((resolve) => {
    const done = (key) => {
      dialog.onclose = null;
      $('key-cancel').onclick = null;
      if (dialog.open) dialog.close();
      resolve(key);
    };
    $('key-cancel').onclick = () => done(null);
    dialog.onclose = () => done(dialog.returnValue === 'ok' && keyInput.value.trim() ? keyInput.value.trim() : null);
    dialog.returnValue = '';
    dialog.showModal();
    keyInput.focus();
  });
}

function refusal(error) {
  if (error.status === 401) return 'This key was not accepted (401): drafting and saving need a valid API key with the editor (or admin) role. Check the key and enter it again.';
  return 'This key may not write (403): it has the reader role, and drafting and saving need a key with the editor (or admin) role.';
}

// Posts with the tab's key; a 401 or 403 asks for another key, says why, and tries again with it.
async function postAsEditor(url, body) {
  let key = sessionStorage.getItem(KEY) ?? await askForKey();
  for (;;) {
    if (!key) throw new Error('No API key given: nothing was sent.');
    sessionStorage.setItem(KEY, key);
    try {
      return await getJson(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Key': key }, body: JSON.stringify(body) });
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) throw error;
      sessionStorage.removeItem(KEY);
      key = await askForKey(refusal(error));
    }
  }
}

function clearErrors() {
  $('record-errors').replaceChildren();
  for (const node of document.querySelectorAll('#record-view [aria-invalid="true"]')) node.removeAttribute('aria-invalid');
  for (const node of document.querySelectorAll('#record-view .field-error.inline')) node.remove();
}

// The field a JSON path names, or its nearest named parent (a participant's row, the card).
function fieldFor(path) {
  for (let candidate = path; candidate;) {
    const found = document.querySelector(`#record-view [data-path="${CSS.escape(candidate)}"]`);
    if (found) return found;
    const parent = candidate.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (parent === candidate) return null;
    candidate = parent;
  }
  return null;
}

// Marks each field a 400 names and lists the errors with links to the fields.
function showErrors(errors, translate = (path) => path) {
  const items = [];
  for (const [rawPath, messages] of Object.entries(errors)) {
    const path = translate(rawPath);
    const message = [messages].flat().join(' ');
    const target = fieldFor(path);
    const note = element('p', { class: 'field-error inline', id: `error-${items.length}`, text: message });
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', note.id);
      target.after(note);
    }
    items.push(element('li', {}, element('a', { href: '#', onclick: (click) => { click.preventDefault(); target?.focus(); }, text: path }), `: ${message}`));
  }
  fill($('record-errors'), element('p', { text: 'The service refused this (400) and saved nothing. Correct the marked fields:' }), element('ul', {}, ...items));
  document.querySelector('#record-view [aria-invalid="true"]')?.focus();
}

async function makeDraft() {
  clearErrors();
  const article = $('article').value;
  const looksLikeHtml = /^\s*</.test(article) && /<\/?[a-z][^>]*>/i.test(article);
  const articleField = looksLikeHtml ? 'html' : 'text';
  $('article').dataset.path = articleField;
  const request = { [articleField]: article };
  if ($('article-url').value.trim()) request.url = $('article-url').value.trim();
  if ($('article-date').value.trim()) request.publishedAt = $('article-date').value.trim();
  setStatus('Drafting…');
  try {
    draft = await postAsEditor(`${API}/drafts`, request);
  } catch (error) {
    setStatus('');
    if (error instanceof ApiError && error.status === 400) {
      showErrors(error.errors, (path) => (path === '$' ? articleField : path));
    } else {
      fill($('record-errors'), element('p', { text: error.message }));
    }
    return;
  }
  const stored = draft.events.filter((event) => event.existing).length;
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  setStatus(`Drafted ${count(draft.events.length, 'event', 'events')} (${stored} already recorded), ` +
    `${count(draft.organizations.length, 'organization', 'organizations')} and ${count(draft.actors.length, 'person', 'people')}. Review them below, then Save.`);
  $('draft').hidden = false;
  setUpCards(draft, eventTypes, restructure);
  renderCards();
  showMarkedText(draft);
  $('cards-heading').focus();
}

// After a card, a row or an entity was added, dropped or replaced: draw again and put the focus back near it.
function restructure(path) {
  renderCards();
  showMarkedText(draft);
  const near = document.querySelector(`#record-view [data-path="${CSS.escape(path)}"]`);
  const focusable = near?.matches('input, select, textarea, button') ? near : near?.querySelector('h4, input, select, textarea, button');
  (focusable ?? $('cards-heading')).focus();
}

// Only what the kept events use is sent: an organization or person no kept event names is not created.
function payload() {
  const used = usedRefs(draft);
  const keep = (list, used) => list.map((record, index) => ({ record, index })).filter(({ record }) => used.has(record.ref));
  const organizations = keep(draft.organizations, used);
  const actors = keep(draft.actors, used);
  // The commit's paths count kept records; the page's fields count all of them.
  const translate = (path) => path.replace(/^(organizations|actors)\[(\d+)\]/, (_, list, n) => `${list}[${(list === 'actors' ? actors : organizations)[Number(n)]?.index ?? n}]`);
  const body = { text: draft.text, source: draft.source, organizations: organizations.map(({ record }) => record), actors: actors.map(({ record }) => record), events: draft.events };
  return { body, translate };
}

function timelineOf(body, result) {
  const ids = new Map(result.organizations.map((record) => [record.ref, record.id]));
  const count = (role) => {
    const counts = new Map();
    for (const event of body.events) {
      for (const participant of event.participants) {
        if (participant.organization && participant.role === role) counts.set(ids.get(participant.organization), (counts.get(ids.get(participant.organization)) ?? 0) + 1);
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  };
  const organization = count('initiator')[0] ?? result.organizations[0]?.id;
  const counterpart = [...count('target'), ...count('affected'), ...count('initiator')].find((id) => id !== organization);
  const dates = body.events.map((event) => event.date).filter(Boolean);
  const query = new URLSearchParams();
  if (organization) query.set('organization', organization);
  if (organization && counterpart) query.set('counterpart', counterpart);
  if (dates.length) {
    query.set('from', new Date(Math.min(...dates.map((date) => span(date)[0]))).toISOString().slice(0, 10));
    query.set('to', new Date(Math.max(...dates.map((date) => span(date)[1]))).toISOString().slice(0, 10));
  }
  if (result.events[0]) query.set('event', result.events[0].id);
  return `/?${query}`;
}

async function save() {
  clearErrors();
  if (!draft.events.length) {
    setStatus('There is nothing to save: every event was dropped.');
    return;
  }
  const { body, translate } = payload();
  setStatus('Saving…');
  let result;
  try {
    result = await postAsEditor(`${API}/drafts/commit`, body);
  } catch (error) {
    setStatus('');
    if (error instanceof ApiError && error.status === 400) showErrors(error.errors, translate);
    else fill($('record-errors'), element('p', { text: error.message }));
    return;
  }
  const created = result.events.filter((event) => event.created).length;
  sessionStorage.setItem(SAVED_NOTE, `Saved: ${created} new event${created === 1 ? '' : 's'}, ` +
    `${result.events.length - created} stored event${result.events.length - created === 1 ? '' : 's'} now citing the article.`);
  location.assign(timelineOf(body, result));
}

let eventTypes = [];

export async function startRecordView() {
  document.title = 'EventTracker — record an article';
  $('timeline-view').hidden = true;
  $('record-view').hidden = false;
  $('record-link').setAttribute('aria-current', 'page');
  try {
    eventTypes = (await getJson(`${API}/event-types`)).items;
  } catch (error) {
    setStatus(error.message);
  }
  $('draft-form').addEventListener('submit', (submit) => { submit.preventDefault(); makeDraft(); });
  $('save-button').addEventListener('click', save);
  $('article').focus();
}
