// Small helpers to build the pages' elements: text is always set as text, never as HTML.

/** An element with attributes (on* are listeners) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on')) {
      node.addEventListener(key.substring(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Bytes as the shell writes sizes: 512M, 2G. */
export function size(bytes) {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (Number.isInteger(value) ? value : value.toFixed(1)) + units[unit];
}

/** Shows a message in the page's status line (#status, read by screen readers). */
export function say(text, kind = 'info') {
  const status = document.getElementById('status');
  if (status) {
    status.textContent = text;
    status.dataset.kind = kind;
  }
}

/** A table of {@code rows} (arrays of cells) under {@code headings}, with a caption. */
export function table(caption, headings, rows) {
  return el('table', { class: 'list' }, el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.length ? rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))
      : [el('tr', {}, el('td', { colspan: headings.length }, 'none'))]));
}
