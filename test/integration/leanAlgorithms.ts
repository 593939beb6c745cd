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

/** An hourly RSI rule on Coinbase's BTCUSD in a cash account, as a model might write it: no take profit. */
export function coinbaseRsiAlgorithm(): string {
  return `from AlgorithmImports import *


class CoinbaseRsi(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2023, 1, 1)
        self.set_end_date(2023, 6, 30)
        self.set_cash(100000)
        self.set_brokerage_model(BrokerageName.COINBASE, AccountType.CASH)
        self._btc = self.add_crypto("BTCUSD", Resolution.HOUR, Market.COINBASE).symbol
        self._rsi = self.rsi(self._btc, 14, MovingAverageType.WILDERS, Resolution.HOUR)
        self.set_warm_up(14, Resolution.HOUR)

    def on_data(self, data: Slice):
        if self.is_warming_up or not self._rsi.is_ready:
            return
        if not self.portfolio.invested and self._rsi.current.value < 30:
            self.set_holdings(self._btc, 0.9)
        elif self.portfolio.invested and self._rsi.current.value > 70:
            self.liquidate(self._btc)
`;
}

/** A chat answer holding the code in a python fence, with optional prose before it. */
export function modelAnswer(code: string, prose = ''): string {
  return `${prose ? `${prose}\n\n` : ''}\`\`\`python\n${code}\`\`\`\n`;
}
