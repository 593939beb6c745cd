// One statistic's value as the panel shows it: formatStatistic's text ("$3.4M" for LEAN's "$3400000.00"),
// with LEAN's own text as the tooltip where the two differ.
import { formatStatistic } from '../../extension/shared/format';
import { h } from '../dom';

export function statisticText<K extends 'div' | 'td'>(tag: K, className: string, name: string, lean: string): HTMLElementTagNameMap[K] {
  const shown = formatStatistic(name, lean);
  return h(tag, { class: className, attrs: { title: shown === lean ? undefined : lean } }, shown);
}
