// The small buy-and-hold LEAN algorithm the integration and in-editor tests share, and a model answer
// wrapping it. Its layout is fixed: tests point at its lines (the order call is line 15, `extra`
// starts on line 16), so change it only together with them.

export interface BuyAndHoldOptions {
  className?: string;
  /** Daily bars over 2020 (as a model would write), instead of minute bars over LEAN's sample week. */
  daily?: boolean;
  /** Line 15, inside `if not self.portfolio.invested:`. */
  orderCall?: string;
  /** Appended after the last line, e.g. a method with a stand-in marker. */
  extra?: string;
}

export function buyAndHoldAlgorithm(options: BuyAndHoldOptions = {}): string {
  const { className = 'BuyAndHold', daily = false, orderCall = 'self.set_holdings(self._spy, 1)', extra = '' } = options;
  const [start, end] = daily ? ['2020, 1, 1', '2021, 1, 1'] : ['2013, 10, 7', '2013, 10, 11'];
  return `# region imports
from AlgorithmImports import *
# endregion


class ${className}(QCAlgorithm):
    def initialize(self):
        self.set_start_date(${start})
        self.set_end_date(${end})
        self.set_cash(100000)
        self._spy = self.add_equity("SPY", Resolution.${daily ? 'DAILY' : 'MINUTE'}).symbol

    def on_data(self, data: Slice):
        if not self.portfolio.invested:
            ${orderCall}
${extra}`;
}

/** A chat answer holding the code in a python fence, with optional prose before it. */
export function modelAnswer(code: string, prose = ''): string {
  return `${prose ? `${prose}\n\n` : ''}\`\`\`python\n${code}\`\`\`\n`;
}
