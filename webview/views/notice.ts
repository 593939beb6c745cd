// Whole-page messages (nothing to show yet, a run that cannot be read) and the banner that reports a
// problem above whatever the panel already shows. Never a blank panel.
import { h } from '../dom';

export function noticePage(kind: 'empty' | 'error', title: string, text: string): HTMLElement {
  return h(
    'section',
    { class: `notice notice-${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status' } },
    h('h1', null, title),
    h('p', null, text),
  );
}

export function banner(text: string): HTMLElement {
  return h('div', { class: 'banner', attrs: { role: 'alert' } }, text);
}
