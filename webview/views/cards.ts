// The statistic cards (which ones, in which order, and their tone come from the host's statisticCards,
// the same as the HTML report's). Values read through formatStatistic ("$3.4M"), LEAN's text on hover.
import type { StatisticCardView } from '../../extension/shared/protocol';
import { h } from '../dom';
import { statisticText } from './statisticText';

export function statisticCardsView(cards: readonly StatisticCardView[]): HTMLElement {
  if (cards.length === 0) return h('p', { class: 'empty-note' }, 'This result has no statistics to show.');
  return h(
    'section',
    { class: 'cards', attrs: { 'aria-label': 'Key statistics' } },
    ...cards.map((card) =>
      h(
        'div',
        { class: 'card', data: { statistic: card.label } },
        h('div', { class: 'card-label' }, card.label),
        statisticText('div', `card-value ${card.tone}`, card.label, card.value),
      ),
    ),
  );
}
