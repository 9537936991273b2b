// Finders for the Playwright-like layers (Firefox, WebKit): they run in the page (so they use
// only the DOM) and return the matching elements.

/** Controls whose label (a `<label>`, `aria-label` or `aria-labelledby`) reads `text`. */
export function findByLabel({ text, exact }) {
  const matches = (label) => {
    const read = (label ?? '').replace(/\s+/g, ' ').trim();
    return exact ? read === text : read.toLowerCase().includes(text.toLowerCase());
  };
  const found = new Set();
  for (const label of document.querySelectorAll('label')) {
    if (label.control && matches(label.textContent)) found.add(label.control);
  }
  for (const element of document.querySelectorAll('[aria-label], [aria-labelledby]')) {
    const labelledBy = element.getAttribute('aria-labelledby');
    const name = labelledBy
      ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
      : element.getAttribute('aria-label');
    if (matches(name)) found.add(element);
  }
  return [...found];
}

/** Elements with `role` (given or implied by their tag) whose accessible name reads `name`. */
export function findByRole({ role, name, exact }) {
  const implied = {
    button: 'button, input[type="button"], input[type="submit"], input[type="reset"]',
    link: 'a[href]',
    radio: 'input[type="radio"]',
    checkbox: 'input[type="checkbox"]',
    textbox: 'textarea, input:not([type]), input[type="text"]',
    combobox: 'select',
    heading: 'h1, h2, h3, h4, h5, h6',
  };
  const selector = [`[role="${role}"]`, implied[role]].filter(Boolean).join(', ');
  const nameOf = (element) => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) return labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    if (element.getAttribute('aria-label')) return element.getAttribute('aria-label');
    if (element.labels?.length) return [...element.labels].map((label) => label.textContent).join(' ');
    return element.textContent;
  };
  const matches = (element) => {
    if (name === undefined) return true;
    const read = nameOf(element).replace(/\s+/g, ' ').trim();
    return exact ? read === name : read.toLowerCase().includes(name.toLowerCase());
  };
  return [...document.querySelectorAll(selector)].filter((element) => {
    const explicit = element.getAttribute('role');
    return (!explicit || explicit === role) && matches(element);
  });
}

/** The innermost elements whose text contains `text`. */
export function findByText({ text }) {
  return [...document.querySelectorAll('body *')].filter(
    (element) =>
      element.textContent.includes(text) && ![...element.children].some((child) => child.textContent.includes(text)),
  );
}
