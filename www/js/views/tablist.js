// Tabs as the ARIA tabs pattern has them: the selected tab is the tablist's one stop for Tab,
// and the arrow keys (Home, End) move to the next tab and select it.

/**
 * @param {HTMLElement[]} tabs the `role="tab"` elements, in order
 * @param {(index: number) => void} onSelect called with the chosen tab's index
 * @returns {{ show(selected: number): void }} `show` marks the selected tab (without calling
 *   `onSelect`)
 */
export function createTablist(tabs, onSelect) {
  const keys = {
    ArrowRight: (index) => (index + 1) % tabs.length,
    ArrowLeft: (index) => (index - 1 + tabs.length) % tabs.length,
    Home: () => 0,
    End: () => tabs.length - 1,
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => onSelect(index));
    tab.addEventListener('keydown', (event) => {
      const move = keys[event.key];
      if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      const next = move(index);
      tabs[next].focus();
      onSelect(next);
    });
  });
  return {
    show(selected) {
      tabs.forEach((tab, index) => {
        tab.setAttribute('aria-selected', String(index === selected));
        tab.tabIndex = index === selected ? 0 : -1;
      });
    },
  };
}
