// Search as you type over a list endpoint (organizations, actors), as the timeline's organization picker does:
// a text input with a datalist; picking a name from the list calls onPick with the stored record.

import { API, element, getJson } from './common.js';

let pickers = 0;

export function searchPicker({ resource, label, placeholder, onPick, describe = () => '' }) {
  const id = `picker-${++pickers}`;
  const list = element('datalist', { id: `${id}-options` });
  const input = element('input', { id, list: list.id, autocomplete: 'off', placeholder, 'aria-label': label, class: 'picker' });
  const found = new Map();
  let timer = null;
  input.addEventListener('input', () => {
    const chosen = found.get(input.value);
    clearTimeout(timer);
    if (chosen) {
      onPick(chosen);
      return;
    }
    const text = input.value.trim();
    if (!text) return;
    timer = setTimeout(async () => {
      try {
        const page = await getJson(`${API}/${resource}?limit=10&q=${encodeURIComponent(text)}`);
        list.replaceChildren(...page.items.map((item) => {
          found.set(item.name, item);
          return element('option', { value: item.name, label: describe(item) });
        }));
      } catch {
        list.replaceChildren();
      }
    }, 200);
  });
  return { input, list };
}
