// The panel's tabs, on @vscode-elements' vscode-tabs (arrow keys move between tab headers).
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import { h } from '../dom';

export interface TabSpec {
  id: string;
  label: string;
  /** A count shown beside the label. */
  count?: number;
  /** Built when the tab is first shown, so a big run's hidden tables cost nothing up front. */
  content: () => Node;
}

export function tabsView(tabs: readonly TabSpec[], selected: string, onSelect: (id: string) => void): HTMLElement {
  const element = h('vscode-tabs', { class: 'tabs' });
  const panels: HTMLElement[] = [];
  const fill = (index: number) => {
    const panel = panels[index];
    const tab = tabs[index];
    if (panel && tab && !panel.hasChildNodes()) panel.appendChild(tab.content());
  };
  for (const tab of tabs) {
    element.appendChild(
      h(
        'vscode-tab-header',
        { attrs: { slot: 'header' }, data: { tab: tab.id } },
        tab.label,
        tab.count === undefined
          ? null
          : h('vscode-badge', { attrs: { slot: 'content-after', variant: 'counter' } }, tab.count.toLocaleString('en-US')),
      ),
    );
    panels.push(element.appendChild(h('vscode-tab-panel', { data: { tab: tab.id } })));
  }
  element.selectedIndex = Math.max(
    0,
    tabs.findIndex((t) => t.id === selected),
  );
  fill(element.selectedIndex);
  element.addEventListener('vsc-tabs-select', (event) => {
    fill(event.detail.selectedIndex);
    const tab = tabs[event.detail.selectedIndex];
    if (tab) onSelect(tab.id);
  });
  return element;
}
