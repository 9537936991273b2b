// Copy buttons: put text on the clipboard and say so on the button for a moment.

const FEEDBACK_MS = 1500;

/**
 * @param {HTMLButtonElement} button
 * @param {string} text
 */
export async function copyWithFeedback(button, text) {
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed: select and copy by hand';
  }
  setTimeout(() => {
    button.textContent = label;
  }, FEEDBACK_MS);
}
