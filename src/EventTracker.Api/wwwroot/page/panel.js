// The details panel beside the list: what the view holds until an event is picked, then an event, its chain or
// the pair's ledger. Every answer is shown only if it is still the latest thing asked of the panel.

import { $, API, dated, element, fill, getJson, words } from './common.js';

let asked = 0;
let markSelected = () => {};
export const typeLabels = new Map();

export function setUpPanel(onSelect) { markSelected = onSelect; }

// Claims the panel for a new request; an answer for an older claim is dropped.
export function claimPanel() { return ++asked; }

async function answer(claim, url) {
  const body = await getJson(url);
  if (claim !== asked) throw Object.assign(new Error('superseded'), { superseded: true });
  return body;
}

function showError(claim, error) {
  if (error.superseded || claim !== asked) return;
  $('panel').replaceChildren(element('p', { text: error.message }));
}

const typeLabel = (code) => typeLabels.get(code) ?? words(code);

// Until an event is picked: what the bars hold, and what the panel will show.
export function showSummary(histogram, pair) {
  claimPanel();
  const byType = new Map();
  for (const bucket of histogram.buckets) {
    for (const [type, count] of Object.entries(bucket.byType ?? {})) byType.set(type, (byType.get(type) ?? 0) + count);
  }
  const busiest = histogram.buckets.reduce((best, bucket) => (bucket.total > (best?.total ?? 0) ? bucket : best), null);
  const types = [...byType].sort((a, b) => b[1] - a[1]).map(([type, count]) => element('li', {}, `${typeLabel(type)}: `, element('strong', { text: count.toLocaleString('en') })));
  fill($('panel'),
    element('h3', { text: 'In this view' }),
    element('p', { class: 'hint', text: 'Click an event on the chart or in the list (or press Enter on it) to see here who took part, the numbers, the quotes and their sources.' +
      (pair ? ' Ledger shows what each side did to the other and what went unanswered.' : ' Pick a counterpart too for the pair\'s ledger.') }),
    histogram.total ? element('p', {}, element('strong', { text: histogram.total.toLocaleString('en') }), ` event${histogram.total === 1 ? '' : 's'}`,
      busiest ? `; the busiest ${histogram.interval} is ${busiest.label} with ${busiest.total}.` : '.') : null,
    types.length ? element('h4', { text: 'By type' }) : null,
    types.length ? element('ul', { class: 'by-type' }, ...types) : null);
}

export async function showEvent(id) {
  const claim = claimPanel();
  markSelected(id);
  try {
    const event = await answer(claim, `${API}/events/${id}`);
    const participants = event.participants.map((p) => element('li', {}, `${p.name} `, element('span', { class: 'muted', text: `(${p.role})` })));
    const quantities = event.quantities.map((q) => element('li', { text: `${words(q.kind)}: ${q.value}${q.unit ? ' ' + q.unit : ''}` }));
    const citations = event.citations.map((c) => element('li', {},
      c.quote ? element('blockquote', { text: `“${c.quote}”` }) : null,
      c.speakerName ? element('div', { class: 'speaker', text: `— ${c.speakerName}` }) : null,
      c.sourceUrl ? element('a', { href: c.sourceUrl, rel: 'noopener', target: '_blank', text: c.sourceTitle }) : element('span', { text: c.sourceTitle }),
      c.sourcePublisher ? element('span', { class: 'muted', text: ` · ${c.sourcePublisher}` }) : null));
    const relations = event.relations.map((r) => element('li', {}, `${words(r.type)} `,
      element('a', { href: '#', onclick: (click) => { click.preventDefault(); showEvent(r.targetEventId); }, text: r.targetTitle }),
      element('span', { class: 'muted', text: ` (${r.targetDate})` })));
    fill($('panel'),
      element('h3', { text: event.title }),
      element('p', { class: 'muted', text: `${event.date} · ${typeLabel(event.type)}${event.status ? ' · ' + words(event.status) : ''}` }),
      event.summary ? element('p', { text: event.summary }) : null,
      element('button', { type: 'button', class: 'secondary', onclick: () => showChain(id), text: 'Chain' }),
      element('h4', { text: 'Participants' }), element('ul', {}, ...participants),
      quantities.length ? [element('h4', { text: 'Quantities' }), element('ul', {}, ...quantities)] : null,
      citations.length ? [element('h4', { text: 'Sources and quotes' }), element('ul', { class: 'citations' }, ...citations)] : null,
      relations.length ? [element('h4', { text: 'Relations' }), element('ul', {}, ...relations)] : null);
  } catch (error) {
    showError(claim, error);
  }
}

function lagText(edge) {
  if (edge.lagDays !== null && edge.lagDays !== undefined) return `${edge.lagDays} day${edge.lagDays === 1 ? '' : 's'}`;
  return `${edge.lagDaysMin}–${edge.lagDaysMax} days`;
}

export async function showChain(id) {
  const claim = claimPanel();
  try {
    const chain = await answer(claim, `${API}/events/${id}/chain`);
    const titles = new Map(chain.steps.map((step) => [step.event.id, step.event]));
    const items = chain.steps.map((step) => {
      const answers = chain.edges.filter((edge) => edge.fromEventId === step.event.id && edge.type === 'responds_to');
      return element('li', {},
        dated(step.event.date, element('a', { href: '#', onclick: (click) => { click.preventDefault(); showEvent(step.event.id); }, text: step.event.title })),
        ...answers.map((edge) => element('div', { class: 'muted' }, 'answers ', titles.get(edge.toEventId)?.title ?? `event ${edge.toEventId}`,
          ' after ', element('span', { class: 'lag', text: lagText(edge) }))));
    });
    fill($('panel'), element('h3', { text: 'Tit-for-tat chain' }),
      element('p', { class: 'muted', text: `${chain.steps.length} events${chain.truncated ? ' (cut short)' : ''}` }),
      element('ol', { class: 'chain' }, ...items));
  } catch (error) {
    showError(claim, error);
  }
}

export async function showLedger(state) {
  if (!(state.organization && state.counterpart)) return;
  const claim = claimPanel();
  const query = new URLSearchParams({ a: state.organization, b: state.counterpart });
  if (state.from) query.set('from', state.from);
  if (state.to) query.set('to', state.to);
  try {
    const ledger = await answer(claim, `${API}/dyads/ledger?${query}`);
    const row = (label, side) => element('tr', {}, element('th', { text: label }),
      ...[side.measures, side.diplomatsExpelled, side.accreditationsWithdrawn, side.staffReductions].map((n) => element('td', { class: 'number', text: String(n) })));
    // The counts cover every measure; the lists come a page of measures at a time ("More measures" asks for the next).
    // Each list is put in its slot when its first item comes.
    const slot = () => element('div', { class: 'ledger-list' });
    const exchanges = { slot: slot(), make: () => [element('h4', { text: 'Exchanges' }), element('ul', { class: 'exchanges' })] };
    // A measure of a's went unanswered by b, and the other way round: say who did not answer.
    const unanswered = new Map([['a_to_b', [ledger.b.name, ledger.a.name]], ['b_to_a', [ledger.a.name, ledger.b.name]]].map(([direction, [silent, actor]]) =>
      [direction, { slot: slot(), make: () => [element('h4', { class: 'unanswered-by', text: `${silent} did not answer these measures of ${actor}` }),
        element('ul', { class: 'unanswered', 'data-direction': direction })] }]));
    const listOf = (section) => {
      if (!section.slot.firstChild) section.slot.append(...section.make());
      return section.slot.querySelector('ul');
    };
    const more = element('button', { type: 'button', class: 'secondary more-measures', text: 'More measures' });
    const addPage = (page) => {
      if (page.exchanges.length) listOf(exchanges).append(...page.exchanges.map((exchange) => element('li', {},
        dated(exchange.measure.date, exchange.measure.title),
        element('ul', {}, ...exchange.responses.map((response) => element('li', {},
          dated(response.date, `${response.title} — `), element('span', { class: 'lag', text: `${response.lagDays} days` }),
          response.proportionality !== null ? ` · proportionality ${response.proportionality}` : ''))))));
      for (const measure of page.unanswered) listOf(unanswered.get(measure.direction)).append(element('li', {}, dated(measure.date, measure.title)));
      more.hidden = !page.nextCursor;
      more.dataset.cursor = page.nextCursor ?? '';
    };
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        addPage(await answer(claim, `${API}/dyads/ledger?${query}&cursor=${encodeURIComponent(more.dataset.cursor)}`));
      } catch (error) {
        showError(claim, error);
      } finally {
        more.disabled = false;
      }
    });
    const lags = ledger.responseLagDays;
    fill($('panel'),
      element('h3', { text: `Ledger: ${ledger.a.name} and ${ledger.b.name}` }),
      element('table', { class: 'ledger' },
        element('thead', {}, element('tr', {}, element('th', { text: '' }),
          ...['measures', 'diplomats expelled', 'accreditations withdrawn', 'staff reductions'].map((h) => element('th', { class: 'number', text: h })))),
        element('tbody', {}, row(`${ledger.a.name} → ${ledger.b.name}`, ledger.aToB), row(`${ledger.b.name} → ${ledger.a.name}`, ledger.bToA), row('balance', ledger.balance))),
      element('p', { class: 'muted', text: lags.count ? `Answers: ${lags.count}, median ${lags.median} days (${lags.min}–${lags.max})` : 'No answers.' }),
      exchanges.slot,
      ...[...unanswered.values()].map((section) => section.slot),
      more);
    addPage(ledger);
  } catch (error) {
    showError(claim, error);
  }
}
