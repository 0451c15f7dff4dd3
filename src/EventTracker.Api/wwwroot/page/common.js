// What every view of the page shares: the API's address, fetching JSON, building DOM and SVG nodes, dates.

export const API = '/api/v1';
export const DAY = 86_400_000;
export const $ = (id) => document.getElementById(id);

// An answer that is not 2xx: the status, the problem document's field errors (JSON path → messages) and a readable message.
export class ApiError extends Error {
  constructor(status, body, message) {
    super(message);
    this.status = status;
    this.errors = body?.errors ?? {};
    this.body = body;
  }
}

export async function getJson(url, init = {}) {
  const response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const errors = body?.errors ? Object.entries(body.errors).map(([field, messages]) => `${field}: ${[messages].flat().join(' ')}`).join('; ') : '';
    throw new ApiError(response.status, body, errors || body?.detail || body?.title || `${response.status} ${response.statusText}`);
  }
  return body;
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

export function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

// Replaces a container's content with the given nodes, leaving out the absent ones.
export function fill(container, ...nodes) { container.replaceChildren(...nodes.flat().filter((node) => node !== null && node !== undefined && node !== false)); }

// A date followed by a space, so that a date and the title after it stay apart when read aloud or copied.
export function dated(date, ...rest) {
  return [element('time', { class: 'date', datetime: date, text: date }), ' ', ...rest];
}

// The first and last day (UTC milliseconds) of a partial date: 2021, 2021-10 or 2021-10-06.
export function span(date) {
  const [year, month, day] = date.split('-').map(Number);
  if (day) return [Date.UTC(year, month - 1, day), Date.UTC(year, month - 1, day)];
  if (month) return [Date.UTC(year, month - 1, 1), Date.UTC(year, month, 0)];
  return [Date.UTC(year, 0, 1), Date.UTC(year, 11, 31)];
}

export const words = (code) => (code ?? '').replaceAll('_', ' ');
