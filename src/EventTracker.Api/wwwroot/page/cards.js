// The draft's cards, edited in place: the source, one card per event (type, dates, title, sides and roles, numbers,
// quotes, relations), and the organizations and people it names. Every field carries data-path, the JSON path the
// commit's 400 answer names, so an error lands on its field.

import { $, element, fill, words } from './common.js';
import { searchPicker } from './picker.js';

export const ROLES = ['initiator', 'target', 'spokesperson', 'affected', 'mediator', 'commentator'];
const QUANTITY_KINDS = ['diplomats_expelled', 'accreditations_withdrawn', 'accreditation_requests_denied', 'staff_before', 'staff_after', 'staff_cap',
  'deadline_days', 'missions_closed', 'persons_sanctioned', 'other'];
const STATUSES = ['announced', 'in_effect', 'completed', 'cancelled'];
const RELATIONS = ['responds_to', 'follows_up', 'part_of', 'duplicates'];
const ORGANIZATION_KINDS = ['state', 'alliance', 'international_organization', 'ministry', 'agency', 'diplomatic_mission', 'party', 'media_outlet', 'other'];

let draft = null;
let eventTypes = [];
let changed = () => {};

export function setUpCards(model, types, onStructureChange) {
  draft = model;
  eventTypes = types;
  changed = onStructureChange;
}

const byRef = (list, ref) => list.find((record) => record.ref === ref);
const nameOf = (participant) => (participant.organization ? byRef(draft.organizations, participant.organization) : byRef(draft.actors, participant.actor))?.name ?? '?';

function select(path, label, value, options, onChange, blank = null) {
  return element('select', { 'data-path': path, 'aria-label': label, onchange: (change) => onChange(change.target.value || null) },
    blank !== null ? element('option', { value: '', text: blank, selected: !value }) : null,
    ...options.map(([code, text]) => element('option', { value: code, text, selected: code === value })));
}

function field(labelText, control, wide = false) {
  const id = control.id || `f-${Math.random().toString(36).slice(2)}`;
  control.id = id;
  control.removeAttribute('aria-label');
  return element('div', { class: `field${wide ? ' wide' : ''}` }, element('label', { for: id, text: labelText }), control);
}

function input(path, value, onInput, attributes = {}) {
  return element('input', { 'data-path': path, value: value ?? '', oninput: (typed) => onInput(typed.target.value), ...attributes });
}

const removeButton = (label, onClick) => element('button', { type: 'button', class: 'secondary small', 'aria-label': label, text: 'Remove', onclick: onClick });

function nextRef(prefix) {
  const taken = new Set([...draft.organizations, ...draft.actors, ...draft.events].map((record) => record.ref));
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function participantsOf(event, path, label) {
  const rows = event.participants.map((participant, j) => element('li', { 'data-path': `${path}.participants[${j}]` },
    element('span', { class: 'who' }, nameOf(participant), ' ', element('span', { class: 'badge', text: participant.organization ? 'organization' : 'person' })),
    ' ', select(`${path}.participants[${j}].role`, `Role of ${nameOf(participant)} in ${label}`, participant.role, ROLES.map((role) => [role, words(role)]),
      (role) => { participant.role = role; }),
    ' ', removeButton(`Remove ${nameOf(participant)} from ${label}`, () => { event.participants.splice(j, 1); changed(`${path}.participants`); })));
  let role = 'target';
  const picker = searchPicker({
    resource: 'organizations', label: `Add an organization to ${label}`, placeholder: 'Add an organization…',
    describe: (organization) => organization.kind,
    onPick: (organization) => {
      let record = draft.organizations.find((o) => o.existingId === organization.id);
      if (!record) {
        record = { ref: nextRef('o'), existingId: organization.id, name: organization.name, kind: organization.kind, countryCode: organization.countryCode, mentions: [] };
        draft.organizations.push(record);
      }
      event.participants.push({ organization: record.ref, role });
      changed(`${path}.participants`);
    },
  });
  return element('fieldset', { class: 'group' }, element('legend', { text: 'Sides and roles' }),
    element('ul', { class: 'rows' }, ...rows),
    element('div', { class: 'add-row' }, picker.input, picker.list, ' as ',
      select('', `Role of the organization to add to ${label}`, role, ROLES.map((r) => [r, words(r)]), (chosen) => { role = chosen; })));
}

function quantitiesOf(event, path, label) {
  const rows = event.quantities.map((quantity, j) => element('li', { 'data-path': `${path}.quantities[${j}]` },
    select(`${path}.quantities[${j}].kind`, `What number ${j + 1} of ${label} counts`, quantity.kind, QUANTITY_KINDS.map((kind) => [kind, words(kind)]), (kind) => { quantity.kind = kind; }),
    ' ', input(`${path}.quantities[${j}].value`, String(quantity.value), (value) => { quantity.value = value === '' ? null : Number(value); },
      { type: 'number', min: 0, class: 'number-input', 'aria-label': `Number ${j + 1} of ${label}` }),
    ' ', removeButton(`Remove number ${j + 1} from ${label}`, () => { event.quantities.splice(j, 1); changed(`${path}.quantities`); })));
  const add = element('button', { type: 'button', class: 'secondary small', text: 'Add a number',
    onclick: () => { event.quantities.push({ kind: 'other', value: 0, unit: null }); changed(`${path}.quantities[${event.quantities.length - 1}].kind`); } });
  return element('fieldset', { class: 'group' }, element('legend', { text: 'Numbers' }), element('ul', { class: 'rows' }, ...rows), add);
}

function quotesOf(event, path, label) {
  const speakers = draft.actors.map((actor) => [actor.ref, actor.name]);
  const rows = event.quotes.map((quote, j) => element('li', { 'data-path': `${path}.quotes[${j}]` },
    element('textarea', { 'data-path': `${path}.quotes[${j}].text`, rows: 2, 'aria-label': `Quote ${j + 1} of ${label}`, oninput: (typed) => { quote.text = typed.target.value; } }, quote.text),
    element('div', {}, '— ', select(`${path}.quotes[${j}].speaker`, `Speaker of quote ${j + 1} of ${label}`, quote.speaker, speakers, (speaker) => { quote.speaker = speaker; }, 'unknown speaker'),
      ' ', removeButton(`Remove quote ${j + 1} from ${label}`, () => { event.quotes.splice(j, 1); changed(`${path}.quotes`); }))));
  return rows.length ? element('fieldset', { class: 'group' }, element('legend', { text: 'Quotes' }), element('ul', { class: 'rows quotes' }, ...rows)) : null;
}

function relationsOf(event, path, label) {
  const rows = event.relations.map((relation, j) => {
    const target = relation.ref ? byRef(draft.events, relation.ref) : null;
    const what = target ? `event ${draft.events.indexOf(target) + 1}, “${target.title}”` : `stored event #${relation.existingId}`;
    return element('li', { 'data-path': `${path}.relations[${j}]` },
      select(`${path}.relations[${j}].type`, `Relation ${j + 1} of ${label}`, relation.type, RELATIONS.map((type) => [type, words(type)]), (type) => { relation.type = type; }),
      ` ${what} `, removeButton(`Remove relation ${j + 1} from ${label}`, () => { event.relations.splice(j, 1); changed(`${path}.relations`); }));
  });
  return rows.length ? element('fieldset', { class: 'group' }, element('legend', { text: 'Relation to other events' }), element('ul', { class: 'rows' }, ...rows)) : null;
}

function card(event, i) {
  const path = `events[${i}]`;
  const label = `event ${i + 1}`;
  const heading = element('h4', { id: `card-${i}-heading`, tabindex: -1, text: `Event ${i + 1}: ${event.title}` });
  const drop = element('button', { type: 'button', class: 'secondary small drop', text: 'Drop this event', 'aria-label': `Drop event ${i + 1}, ${event.title}`,
    onclick: () => { draft.events.splice(i, 1); for (const other of draft.events) other.relations = other.relations.filter((r) => r.ref !== event.ref); changed(`events[${Math.min(i, draft.events.length - 1)}]`); } });
  const why = event.reasons?.length ? element('details', {}, element('summary', { text: `Why (confidence ${Math.round((event.confidence ?? 0) * 100)}%)` }),
    element('ul', {}, ...event.reasons.map((reason) => element('li', { text: reason })))) : null;
  if (event.existing) {
    return element('article', { class: 'card existing', 'data-path': path, 'aria-labelledby': heading.id }, heading,
      element('p', { class: 'existing-note' }, element('strong', { text: 'Already recorded: ' }), `“${event.existing.title}” (#${event.existing.id}). `,
        'This article will be added to it as a source', event.quotes.length ? ', with its quotes.' : '.'),
      quotesOf(event, path, label), element('div', { class: 'card-foot' }, why, drop));
  }
  const types = eventTypes.map((type) => [type.code, type.label]);
  return element('article', { class: 'card', 'data-path': path, 'aria-labelledby': heading.id }, heading,
    element('div', { class: 'card-fields' },
      field('Type', select(`${path}.type`, '', event.type, types, (type) => { event.type = type; })),
      field('Date', input(`${path}.date`, event.date, (value) => { event.date = value.trim() || null; }, { placeholder: 'YYYY-MM-DD', class: 'date-input' })),
      field('End date', input(`${path}.endDate`, event.endDate, (value) => { event.endDate = value.trim() || null; }, { placeholder: 'YYYY-MM-DD', class: 'date-input' })),
      field('Status', select(`${path}.status`, '', event.status, STATUSES.map((status) => [status, words(status)]), (status) => { event.status = status; }, 'not stated')),
      field('Title', input(`${path}.title`, event.title, (value) => { event.title = value; }), true)),
    participantsOf(event, path, label), quantitiesOf(event, path, label), quotesOf(event, path, label), relationsOf(event, path, label),
    element('div', { class: 'card-foot' }, why, drop));
}

function sourceCard() {
  const source = draft.source;
  if (source.existingId) {
    return element('div', { class: 'card source', 'data-path': 'source' }, element('h4', { text: 'Source' }),
      element('p', { text: `This article is stored already as source #${source.existingId}${source.title ? `, “${source.title}”` : ''}: its events will cite it.` }));
  }
  return element('div', { class: 'card source', 'data-path': 'source' }, element('h4', { text: 'Source (new)' }),
    element('div', { class: 'card-fields' },
      field('Headline', input('source.title', source.title, (value) => { source.title = value; }), true),
      field('Publisher', input('source.publisher', source.publisher, (value) => { source.publisher = value || null; })),
      field('Published', input('source.publishedAt', source.publishedAt, (value) => { source.publishedAt = value || null; }, { placeholder: 'YYYY-MM-DD', class: 'date-input' })),
      field('URL', input('source.url', source.url, (value) => { source.url = value || null; }, { type: 'url' }), true)));
}

// The refs the kept events use (sides, speakers, and the organizations those people act for): only these are saved.
export function usedRefs(model) {
  const used = new Set();
  for (const event of model.events) {
    for (const participant of event.participants) used.add(participant.organization ?? participant.actor);
    for (const quote of event.quotes) if (quote.speaker) used.add(quote.speaker);
  }
  for (const actor of model.actors) if (used.has(actor.ref) && actor.organization) used.add(actor.organization);
  return used;
}

function entityRow(record, k, list, resource, used) {
  const path = `${list}[${k}]`;
  const what = resource === 'organizations' ? 'organization' : 'person';
  if (record.existingId) {
    return element('li', { 'data-path': path }, element('strong', { text: record.name }), ` — stored ${what} #${record.existingId}`);
  }
  if (!used.has(record.ref)) {
    return element('li', { 'data-path': path, class: 'muted' }, element('strong', { text: record.name }), ` — new ${what}, in no event kept: not saved`);
  }
  const picker = searchPicker({
    resource, label: `Replace the new ${what} ${record.name} with a stored one`, placeholder: 'Search the stored ones…',
    describe: (item) => item.kind ?? item.affiliations?.map((a) => a.title).filter(Boolean).join(', ') ?? '',
    onPick: (stored) => {
      Object.assign(record, { existingId: stored.id, name: stored.name, kind: stored.kind ?? record.kind, countryCode: stored.countryCode ?? null });
      changed(path);
    },
  });
  const fields = resource === 'organizations'
    ? [field('Kind', select(`${path}.kind`, '', record.kind, ORGANIZATION_KINDS.map((kind) => [kind, words(kind)]), (kind) => { record.kind = kind; })),
      field('Country code', input(`${path}.countryCode`, record.countryCode, (value) => { record.countryCode = value.trim().toUpperCase() || null; }, { class: 'code-input', placeholder: 'e.g. FR' }))]
    : [field('Title', input(`${path}.title`, record.title, (value) => { record.title = value || null; }))];
  return element('li', { 'data-path': path, class: 'new-entity' },
    element('div', { class: 'card-fields' }, field(`New ${what}`, input(`${path}.name`, record.name, (value) => { record.name = value; })), ...fields,
      element('div', { class: 'field' }, element('label', { for: picker.input.id, text: `or use a stored ${what}` }), picker.input, picker.list)));
}

export function renderCards() {
  fill($('source-card'), sourceCard());
  fill($('cards'), draft.events.length ? draft.events.map(card) : element('p', { class: 'muted', text: 'No events left to save.' }));
  const used = usedRefs(draft);
  fill($('entities'), element('h4', { text: 'Organizations and people in the article' }),
    element('ul', { class: 'entities' }, ...draft.organizations.map((o, k) => entityRow(o, k, 'organizations', 'organizations', used)),
      ...draft.actors.map((a, k) => entityRow(a, k, 'actors', 'actors', used))));
  const created = draft.events.filter((event) => !event.existing).length;
  $('save-summary').textContent = `${created} new event${created === 1 ? '' : 's'}, ${draft.events.length - created} stored event${draft.events.length - created === 1 ? '' : 's'} to cite.`;
}
