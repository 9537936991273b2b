// The code behind each run: Python as a tutorial would write it, and the Rust that runs, with
// a copy button.
import { copyWithFeedback } from './clipboard.js';

/**
 * @param {{ python: HTMLButtonElement, rust: HTMLButtonElement, text: HTMLElement,
 *           copy: HTMLButtonElement }} elements
 */
export function createCodePanel({ python, rust, text, copy }) {
  let code = { python: '', rust: '' };
  let language = 'python';

  const render = () => {
    python.setAttribute('aria-selected', String(language === 'python'));
    rust.setAttribute('aria-selected', String(language === 'rust'));
    text.textContent = code[language];
  };
  python.addEventListener('click', () => {
    language = 'python';
    render();
  });
  rust.addEventListener('click', () => {
    language = 'rust';
    render();
  });
  copy.addEventListener('click', () => copyWithFeedback(copy, code[language]));

  return {
    /** @param {{ python: string, rust: string }} listings */
    show(listings) {
      code = listings;
      render();
    },
  };
}
