// The article's text with every organization, person, number, date and quote the draft found marked. A mark is
// told apart by its underline and a small label, not by colour alone; hover or focus shows what it became.

import { $, element, words } from './common.js';

const LABELS = { organization: 'org', person: 'person', number: 'number', date: 'date', quote: 'quote' };

function entityNote(record, kind) {
  const stored = record.existingId ? `stored (#${record.existingId})` : 'new: saving creates it';
  if (kind === 'person') return `Person: ${record.name}${record.title ? `, ${record.title}` : ''} — ${stored}`;
  return `Organization: ${record.name} — ${stored}`;
}

// Every mark of the draft: {start, end, kind, note}.
export function marksOf(draft) {
  const marks = [];
  const add = (evidence, kind, note) => { if (evidence && evidence.end > evidence.start) marks.push({ start: evidence.start, end: evidence.end, kind, note }); };
  for (const organization of draft.organizations) for (const mention of organization.mentions ?? []) add(mention, 'organization', entityNote(organization, 'organization'));
  for (const actor of draft.actors) for (const mention of actor.mentions ?? []) add(mention, 'person', entityNote(actor, 'person'));
  const speakers = new Map(draft.actors.map((actor) => [actor.ref, actor.name]));
  draft.events.forEach((event, index) => {
    const of = `event ${index + 1}, “${event.title}”`;
    add(event.dateEvidence, 'date', `Date: ${event.date} of ${of}`);
    add(event.endDateEvidence, 'date', `End date: ${event.endDate} of ${of}`);
    for (const quantity of event.quantities ?? []) add(quantity.evidence, 'number', `Number: ${words(quantity.kind)} ${quantity.value}${quantity.unit ? ' ' + quantity.unit : ''} in ${of}`);
    for (const quote of event.quotes ?? []) add(quote.evidence, 'quote', `Quote by ${speakers.get(quote.speaker) ?? 'an unknown speaker'} in ${of}`);
  });
  // The same words marked twice the same way (a number two events share) become one mark with both notes.
  const merged = new Map();
  for (const mark of marks) {
    const key = `${mark.kind}:${mark.start}:${mark.end}`;
    if (merged.has(key)) merged.get(key).note += `; ${mark.note}`;
    else merged.set(key, { ...mark });
  }
  return [...merged.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

// Marks nest (a name inside a quote); one that crosses its parent's end is cut there.
function nest(text, marks) {
  const root = { start: 0, end: text.length, children: [] };
  const open = [root];
  for (const mark of marks) {
    while (open.length > 1 && mark.start >= open[open.length - 1].end) open.pop();
    const parent = open[open.length - 1];
    const node = { ...mark, start: Math.max(mark.start, parent.start), end: Math.min(mark.end, parent.end), children: [] };
    if (node.end <= node.start) continue;
    parent.children.push(node);
    open.push(node);
  }
  return root;
}

function render(text, node) {
  const nodes = [];
  let at = node.start;
  for (const child of node.children) {
    if (child.start > at) nodes.push(text.slice(at, child.start));
    nodes.push(element('mark', { class: `m-${child.kind}`, 'data-label': LABELS[child.kind], 'data-note': child.note, tabindex: 0, 'aria-describedby': 'mark-tip' },
      ...render(text, child)));
    at = child.end;
  }
  if (at < node.end) nodes.push(text.slice(at, node.end));
  return nodes;
}

function showTip(mark) {
  const tip = $('mark-tip');
  tip.textContent = mark.dataset.note;
  tip.hidden = false;
  const box = mark.getBoundingClientRect();
  const container = $('marked-text').getBoundingClientRect();
  tip.style.left = `${Math.max(0, box.left - container.left)}px`;
  tip.style.top = `${box.bottom - container.top + $('marked-text').offsetTop + 4}px`;
}

function hideTip() { $('mark-tip').hidden = true; }

let listening = false;

export function showMarkedText(draft) {
  const container = $('marked-text');
  container.replaceChildren(...render(draft.text, nest(draft.text, marksOf(draft))));
  if (listening) return;
  listening = true;
  const markOf = (target) => target.closest?.('#marked-text mark');
  container.addEventListener('focusin', (focus) => { const mark = markOf(focus.target); if (mark) showTip(mark); });
  container.addEventListener('focusout', hideTip);
  container.addEventListener('mouseover', (hover) => { const mark = markOf(hover.target); if (mark) showTip(mark); });
  container.addEventListener('mouseleave', hideTip);
  container.addEventListener('keydown', (key) => { if (key.key === 'Escape') hideTip(); });
}
