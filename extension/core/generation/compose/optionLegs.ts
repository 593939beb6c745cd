// Options: the legs a request trades on one underlying (a covered call sells a call against held
// shares; a protective put buys one; a straddle or strangle trades both rights), picked from LEAN's
// option chain by expiry nearest the days asked, then by delta nearest the one asked or by strike at
// the moneyness asked. The underlying's own signal (if any) opens bullish legs (bought calls, sold
// puts) on its long entry and bearish legs (bought puts, sold calls) on its short entry; structures
// with both open together. Legs are closed on the signal's exit, on a premium stop or target, after a
// holding time, or rolled at the schedule (LEAN: QCAlgorithm.AddOption, OptionFilterUniverse
// (Expiration, Strikes, IncludeWeeklys), OptionChain, OptionContract.Greeks).
import { float, methodDoc, num, type Method } from '../templates/python';
import type { ComposePlan, OptionLeg } from './composeTypes';

/** The default distance of an out- or in-the-money strike when the prompt states none. */
export const DEFAULT_STRIKE_DISTANCE = 0.05;
/** The default share of the portfolio spent on premium per bought leg, or held as notional per sold leg. */
export const DEFAULT_LEG_FRACTION = { buy: 0.05, sell: 1 } as const;

export function bullish(leg: OptionLeg): boolean {
  return (leg.right === 'call') === (leg.side === 'buy');
}

export function optionInitLines(plan: ComposePlan): string[] {
  const options = plan.options!;
  const dtes = options.legs.map((l) => l.daysToExpiry);
  const lo = Math.max(0, Math.min(...dtes) - 15);
  const hi = Math.max(...dtes) + 15;
  const res = plan.bar.resolution === 'SECOND' ? 'MINUTE' : plan.bar.resolution;
  return [
    `option = self.add_option(${JSON.stringify(options.underlying.symbol)}, Resolution.${res})`,
    `option.set_filter(lambda u: u.include_weeklys().strikes(-30, 30).expiration(${lo}, ${hi}))`,
    'self._option = option.symbol',
    'self._chain = None',
    '# The open legs: option symbol -> (side, premium paid or received, time opened).',
    'self._legs = {}',
    'self._legs_side = 0',
  ];
}

/** The on_data line that keeps the latest chain for `_pick`. */
export function chainLines(): string[] {
  return ['chain = data.option_chains.get(self._option)', 'if chain is not None:', '    self._chain = chain'];
}

function legCall(leg: OptionLeg): string {
  const right = `OptionRight.${leg.right.toUpperCase()}`;
  if (leg.delta !== undefined) return `self._pick(${right}, ${num(leg.daysToExpiry)}, delta=${float(leg.delta)})`;
  const distance = leg.moneyness === 'atm' || leg.moneyness === undefined ? 0 : (leg.distance ?? DEFAULT_STRIKE_DISTANCE);
  // Out of the money is above the price for a call and below it for a put; in the money the other way.
  const sign = (leg.moneyness === 'otm') === (leg.right === 'call') ? 1 : -1;
  return `self._pick(${right}, ${num(leg.daysToExpiry)}, offset=${float(distance === 0 ? 0 : sign * distance)})`;
}

export function optionMethods(plan: ComposePlan): Method[] {
  const options = plan.options!;
  const hold = options.holdUnderlying;
  const fraction = plan.sizing?.kind === 'fixed-fraction' ? plan.sizing.fraction : undefined;
  const open: string[] = [
    ...methodDoc('Opens the legs for an entry on the given side (1 long, -1 short).'),
    'if self._chain is None:',
    '    return',
    'price = self.securities[self._underlying].price',
    'if price <= 0:',
    '    return',
    'equity = self.portfolio.total_portfolio_value',
  ];
  if (hold)
    open.push(
      `# The structure holds the shares${fraction !== undefined ? `, ${num(fraction * 100)}% of the portfolio` : ''}: round lots of 100, one per contract.`,
      `lots = int(equity${fraction !== undefined ? ` * ${num(fraction)}` : ''} / (price * 100))`,
      'if lots < 1:',
      '    return',
      'shares = lots * 100 - self.portfolio[self._underlying].quantity',
      'if shares > 0:',
      '    self.market_order(self._underlying, shares)',
    );
  options.legs.forEach((leg) => {
    // Two-way: a signal opens the bullish legs on its long entry and the bearish ones on its short entry; else all open together.
    const which = plan.direction === 'both' ? (bullish(leg) ? 1 : -1) : undefined;
    const body: string[] = [`contract = ${legCall(leg)}`, 'if contract is not None:'];
    const spend = fraction ?? DEFAULT_LEG_FRACTION[leg.side];
    const count = hold
      ? 'lots'
      : leg.side === 'buy'
        ? `max(1, int(equity * ${num(spend)} / max(contract.ask_price * 100, 1)))`
        : `max(1, int(equity * ${num(spend)} / (contract.strike * 100)))`;
    body.push(
      `    quantity = ${count}`,
      `    self.market_order(contract.symbol, ${leg.side === 'buy' ? '' : '-'}quantity)`,
      `    self._legs[contract.symbol] = (${leg.side === 'buy' ? 1 : -1}, contract.last_price or contract.ask_price, self.time)`,
    );
    if (which === undefined) open.push(...body);
    else open.push(`if side in (0, ${which}):`, ...body.map((l) => `    ${l}`));
  });
  open.push('self._legs_side = side');
  const methods: Method[] = [
    { signature: 'def _open_legs(self, side):', body: open },
    {
      signature: 'def _close_legs(self, reason=None):',
      body: [
        ...methodDoc('Closes every open leg (the shares a structure holds stay held).'),
        'for symbol in list(self._legs):',
        '    if self.portfolio[symbol].invested:',
        '        self.liquidate(symbol, tag=reason or "")',
        'self._legs = {}',
        'self._legs_side = 0',
      ],
    },
    {
      signature: 'def _open_side(self):',
      body: [
        ...methodDoc('The side of the entry the open legs came from (1 long, -1 short), or 0 when none is open; expired legs are dropped.'),
        'self._legs = {s: leg for s, leg in self._legs.items() if self.portfolio[s].invested}',
        'if not self._legs:',
        '    self._legs_side = 0',
        'return self._legs_side',
      ],
    },
    {
      signature: 'def _pick(self, right, days, delta=None, offset=0.0):',
      body: [
        ...methodDoc(
          'The contract of `right` expiring nearest `days` out, then nearest the delta, or the strike `offset` (a fraction) from the price.',
        ),
        'contracts = [c for c in self._chain if c.right == right]',
        'if not contracts:',
        '    return None',
        'expiry = min({c.expiry for c in contracts}, key=lambda e: abs((e.date() - self.time.date()).days - days))',
        'contracts = [c for c in contracts if c.expiry == expiry]',
        'if delta is not None:',
        '    return min(contracts, key=lambda c: abs(abs(c.greeks.delta) - delta))',
        'target = self.securities[self._underlying].price * (1 + offset)',
        'return min(contracts, key=lambda c: abs(c.strike - target))',
      ],
    },
  ];
  return methods;
}

/** `_risk_exit` for option legs: the premium's move against its entry, and the holding time. */
export function optionRiskBody(plan: ComposePlan): string[] {
  const { stopLoss, takeProfit, timeExit } = plan.risk;
  const lines = ['for symbol, (side, premium, opened) in self._legs.items():', '    price = self.securities[symbol].price'];
  const checks: [string, string][] = [];
  // A bought leg gains as its premium rises; a sold one as it falls.
  if (stopLoss?.unit === 'fraction')
    checks.push([`premium > 0 and side * (price - premium) <= -premium * ${num(stopLoss.amount)}`, 'stop loss']);
  if (takeProfit?.unit === 'fraction')
    checks.push([`premium > 0 and side * (price - premium) >= premium * ${num(takeProfit.amount)}`, 'take profit']);
  if (timeExit && timeExit.unit !== 'bar')
    checks.push([`self.time - opened >= timedelta(${timeExit.unit}s=${num(timeExit.count)})`, 'time exit']);
  for (const [condition, reason] of checks) lines.push(`    if ${condition}:`, `        return "${reason}"`);
  if (checks.length === 0) lines.push('    pass');
  lines.push('return None');
  return lines;
}
