"""Realistic user prompts for a template spec: several ways to say each family's strategy ("cores") inside several
ways to make a request ("frames"), with tickers, data resolution, backtest period, starting cash and risk rules
worded in varied forms.

A phrasing is named ``<core>+<frame>`` (``rsi:levels+chatty``); the dataset split holds out whole cores and frames
(``HELD_OUT_CORES``, ``HELD_OUT_FRAMES``), so test prompts are worded in ways training never saw.

Every prompt states every value of the spec that differs from what the product assumes when a request leaves it
out (the default period, cash, daily bars, the family's default parameters), so the code is always the right
answer to the prompt. Values equal to those defaults are stated only sometimes, as users do. Parameters that the
product reads together (an RSI's two levels, a crossover's two periods) are stated together or not at all.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Names the product's prompt reader maps to these tickers (extension/core/generation/promptReader.ts).
TICKER_NAMES: dict[str, list[str]] = {
    "AAPL": ["Apple"],
    "MSFT": ["Microsoft"],
    "AMZN": ["Amazon"],
    "GOOGL": ["Google", "Alphabet"],
    "META": ["Meta", "Facebook"],
    "NVDA": ["Nvidia"],
    "JPM": ["JPMorgan"],
    "XOM": ["Exxon", "ExxonMobil"],
    "CVX": ["Chevron"],
    "JNJ": ["Johnson & Johnson"],
    "PG": ["Procter & Gamble"],
    "KO": ["Coca-Cola", "Coke"],
    "PEP": ["Pepsi", "PepsiCo"],
    "SPY": ["the S&P 500", "the S&P 500 ETF"],
    "QQQ": ["the Nasdaq 100", "the Nasdaq-100 ETF"],
    "IWM": ["the Russell 2000"],
    "DIA": ["the Dow"],
    "GLD": ["gold"],
    "SLV": ["silver"],
    "TLT": ["long bonds", "treasuries"],
}

# Tickers the reader also accepts in lower case.
LOWERCASE_OK = set(
    "SPY QQQ IWM DIA TLT GLD SLV AAPL MSFT NVDA TSLA AMZN GOOGL NFLX JPM XOM CVX XLK XLF XLE XLV XLI XLP XLY XLU XLB "
    "EFA EEM".split()
)

MONTHS = "January February March April May June July August September October November December".split()

# The last core of each family and the `question` frame are test-only (see build_dataset's split rule).
HELD_OUT_CORES = {
    "sma-crossover": "sma:trend",
    "ema-crossover": "ema:trend",
    "rsi-mean-reversion": "rsi:chatty",
    "bollinger-reversion": "bollinger:fade",
    "macd-momentum": "macd:histogram",
    "donchian-breakout": "donchian:new-highs",
    "pairs-trading": "pairs:spread-story",
    "momentum-rotation": "rotation:sector",
    "alpha-factor": "alpha:alpha101",
}
HELD_OUT_FRAMES = {"question"}


def fmt(value: float) -> str:
    """2 -> "2", 2.5 -> "2.5", 0.0025 -> "0.0025"."""
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")


def percent(fraction: float) -> str:
    return fmt(round(fraction * 100, 4))


def article(number: str) -> str:
    """ "a" or "an" before a number as read aloud: an 8%, an 11%, an 18%, a 5%."""
    return "an" if number.startswith("8") or number in ("11", "18") or number.startswith(("11.", "18.")) else "a"


def and_list(items: list[str], oxford: bool = False) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])}{',' if oxford and len(items) > 2 else ''} and {items[-1]}"


@dataclass
class Context:
    """One prompt being written: the record, the product's defaults, and the random choices made so far."""

    record: dict[str, Any]
    defaults: dict[str, Any]
    rng: random.Random
    _said: dict[tuple[str, ...], bool] = field(default_factory=dict)
    # Words chosen once per prompt, so the tickers or the bar unit read the same wherever they appear.
    _words: dict[str, str] = field(default_factory=dict)

    @property
    def spec(self) -> dict[str, Any]:
        return self.record["spec"]

    @property
    def p(self) -> dict[str, float]:
        return self.spec["params"]

    def default(self, name: str) -> float:
        return next(d["default"] for d in self.record["paramDefs"] if d["name"] == name)

    def say(self, *names: str) -> bool:
        """Whether to state these parameters: always when one differs from its default, else half the time."""
        if names not in self._said:
            changed = any(self.p[n] != self.default(n) for n in names)
            self._said[names] = changed or self.rng.random() < 0.5
        return self._said[names]

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def n(self, name: str) -> str:
        return fmt(self.p[name])

    def unit(self) -> str:
        """The word for one bar: the resolution's own unit, or a neutral one."""
        own = {"DAILY": "day", "HOUR": "hour", "MINUTE": "minute"}[self.spec["resolution"]]
        if "unit" not in self._words:
            self._words["unit"] = self.rng.choice([own, own, "bar", "period"])
        return self._words["unit"]

    # -- tickers ------------------------------------------------------------------------------------------------

    def tickers(self) -> str:
        """The tickers in one of several forms, always in the spec's order."""
        if "tickers" in self._words:
            return self._words["tickers"]
        tickers: list[str] = self.spec["tickers"]
        forms = ["and", "and", "comma"]
        if len(tickers) > 1:
            forms.append("spaces")
        if len(tickers) <= 6:
            forms.append("dollar")
        if all(t in TICKER_NAMES for t in tickers):
            forms += ["names", "names"]
        if all(t in LOWERCASE_OK for t in tickers):
            forms.append("lower")
        form = self.rng.choice(forms)
        if form == "names":
            text = and_list([self.rng.choice(TICKER_NAMES[t]) for t in tickers])
        elif form == "comma":
            text = ", ".join(tickers)
        elif form == "spaces":
            text = " ".join(tickers)
        elif form == "dollar":
            text = and_list([f"${t}" for t in tickers])
        elif form == "lower":
            text = and_list([t.lower() for t in tickers])
        else:
            text = and_list(tickers, oxford=self.rng.random() < 0.3)
        self._words["tickers"] = text
        return text

    # -- the parts every frame places -------------------------------------------------------------------------

    def resolution(self) -> str | None:
        res = self.spec["resolution"]
        if res == self.defaults["resolution"] and self.rng.random() < 0.6:
            return None
        return self.pick(
            {
                "DAILY": ["daily bars", "daily data", "daily resolution", "end-of-day data"],
                "HOUR": ["hourly bars", "hourly data", "1-hour bars", "the hourly chart"],
                "MINUTE": ["minute bars", "minute data", "1-minute bars", "minute resolution"],
            }[res]
        )

    def dates(self) -> str | None:
        start, end = self.spec["startDate"], self.spec["endDate"]
        default = start == self.defaults["startDate"] and end == self.defaults["endDate"]
        if default and self.rng.random() < 0.6:
            return None
        forms = ["iso", "long", "dmy", "slash"]
        if start[1:] == [1, 1] and end[1:] == [12, 31]:
            forms += ["years", "years"]
        if start[2] == 1 and _last_day(end):
            forms.append("months")
        if default:
            forms.append("relative")
        form = self.rng.choice(forms)
        if form == "relative":
            years = end[0] - start[0] + 1
            return self.pick([f"over the last {years} years", f"over the past {years} years"])
        a, b = _date(start, form, first=True), _date(end, form, first=False)
        return self.pick([f"from {a} to {b}", f"between {a} and {b}", f"{a} through {b}", f"from {a} until {b}"])

    def cash(self) -> str | None:
        """The starting cash as an amount ("$50,000", "50k USD"), or None when it is the default and left out."""
        cash = self.spec["cash"]
        if cash == self.defaults["cash"] and self.rng.random() < 0.6:
            return None
        return self.pick(_money_forms(cash))

    def cash_clause(self, amount: str) -> str:
        return self.pick(
            [
                f"with {amount}",
                f"starting with {amount}",
                f"{amount} starting capital",
                f"with a starting capital of {amount}",
                f"initial cash {amount}",
            ]
        )

    def risks(self) -> list[str]:
        """One phrase per risk overlay of the spec, each worded one of several ways."""
        risk = self.spec["risk"]
        out = []
        if "stopLossPct" in risk:
            x = percent(risk["stopLossPct"])
            out.append(
                self.pick(
                    [
                        f"{article(x)} {x}% stop loss",
                        f"{article(x)} {x}% stop",
                        f"a stop loss at {x} percent",
                        f"a stop-loss of {x}%",
                        f"a hard stop at {x}%",
                    ]
                )
            )
        if "trailingStopPct" in risk:
            x = percent(risk["trailingStopPct"])
            out.append(
                self.pick(
                    [
                        f"{article(x)} {x}% trailing stop",
                        f"a trailing stop of {x}%",
                        f"{article(x)} {x} percent trailing stop",
                    ]
                )
            )
        if "positionSize" in risk:
            x = percent(risk["positionSize"])
            out.append(
                self.pick(
                    [
                        f"{x}% of the portfolio per position",
                        f"a position size of {x}%",
                        f"{x}% of equity in each position",
                        f"{article(x)} {x}% allocation per position",
                    ]
                )
            )
        if "maxDrawdownPct" in risk:
            x = percent(risk["maxDrawdownPct"])
            out.append(
                self.pick(
                    [
                        f"a max drawdown of {x}%",
                        f"{article(x)} {x}% max drawdown kill switch",
                        f"{article(x)} {x} percent drawdown limit",
                        f"a maximum drawdown limit of {x}%",
                    ]
                )
            )
        self.rng.shuffle(out)
        return out


def _last_day(date: list[int]) -> bool:
    import calendar

    return date[2] == calendar.monthrange(date[0], date[1])[1]


def _date(date: list[int], form: str, *, first: bool) -> str:
    y, m, d = date
    if form == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    if form == "long":
        return f"{MONTHS[m - 1]} {d}, {y}"
    if form == "dmy":
        return f"{d} {MONTHS[m - 1]} {y}"
    if form == "slash":
        return f"{m}/{d}/{y}"
    if form == "years":
        return str(y)
    return f"{MONTHS[m - 1]} {y}"  # months


def _money_forms(cash: float) -> list[str]:
    whole = int(cash)
    forms = [f"${whole:,}", f"{whole:,} dollars"]
    if whole % 1_000_000 == 0:
        forms += [f"${whole // 1_000_000} million", f"${whole // 1_000_000}M"]
    elif whole % 1000 == 0:
        forms += [f"${whole // 1000}k", f"{whole // 1000}k USD"]
    return forms


# -- cores: what the strategy is, per family ----------------------------------------------------------------------

Core = Callable[[Context], str]


def _ma_cores(kind: str) -> dict[str, Core]:
    """SMA or EMA crossover; `fast == 1` is price against the slow average."""
    short = kind.upper()
    long = "simple moving average" if kind == "sma" else "exponential moving average"

    def terse(c: Context) -> str:
        if c.p["fast"] == 1:
            return f"price vs {c.n('slow')}-{c.unit()} {short} crossover on {c.tickers()}"
        if not c.say("fast", "slow"):
            return f"{short} crossover on {c.tickers()}"
        return f"{short} crossover {c.n('fast')}/{c.n('slow')} on {c.tickers()}"

    def rule(c: Context) -> str:
        u = c.unit()
        if c.p["fast"] == 1:
            return (
                f"Buy {c.tickers()} when the price closes above its {c.n('slow')}-{u} {short}, "
                "and sell when it closes back below"
            )
        if not c.say("fast", "slow"):
            return f"Buy {c.tickers()} when the fast {long} crosses above the slow one, sell on the cross back down"
        return (
            f"Buy {c.tickers()} when the {c.n('fast')}-{u} {short} crosses above the {c.n('slow')}-{u} {short} "
            "and sell when it crosses back below"
        )

    def fast_slow(c: Context) -> str:
        fast = "1 (the price itself)" if c.p["fast"] == 1 else c.n("fast")
        return (
            f"{long.capitalize()} crossover strategy for {c.tickers()} with a fast {short} of {fast} "
            f"and a slow {short} of {c.n('slow')}"
        )

    def pair_words(c: Context) -> str:
        if c.p["fast"] == 1:
            return f"{c.tickers()}: long while price is above the {c.n('slow')} {c.unit()} {short}, flat otherwise"
        return (
            f"{c.n('fast')} and {c.n('slow')} {c.unit()} {short}s on {c.tickers()}, "
            "long when the fast one is above the slow one"
        )

    def trend(c: Context) -> str:
        u = c.unit()
        if c.p["fast"] == 1:
            return (
                f"Trend following on {c.tickers()}: hold it while price is above the {c.n('slow')}-{u} {long}, "
                "otherwise stay in cash"
            )
        return (
            f"Trend following on {c.tickers()}: go long while the {c.n('fast')}-{u} {long} is above the "
            f"{c.n('slow')}-{u} {long}, otherwise stay in cash"
        )

    return {
        f"{kind}:terse": terse,
        f"{kind}:rule": rule,
        f"{kind}:fast-slow": fast_slow,
        f"{kind}:pair-words": pair_words,
        f"{kind}:trend": trend,
    }


def _rsi_cores() -> dict[str, Core]:
    def terse(c: Context) -> str:
        period = f"({c.n('period')})" if c.say("period") else ""
        levels = f", buy < {c.n('oversold')}, sell > {c.n('overbought')}" if c.say("oversold", "overbought") else ""
        return f"RSI{period} mean reversion on {c.tickers()}{levels}"

    def levels(c: Context) -> str:
        period = f"{c.n('period')}-{c.unit()} " if c.say("period") else ""
        if c.say("oversold", "overbought"):
            return (
                f"RSI mean reversion on {c.tickers()}: buy when the {period}RSI drops below {c.n('oversold')} "
                f"and sell when it rises above {c.n('overbought')}"
            )
        return f"RSI mean reversion on {c.tickers()}: buy when the {period}RSI is oversold, sell when it is overbought"

    def oversold(c: Context) -> str:
        period = f"a {c.n('period')}-period RSI" if c.say("period") else "the RSI"
        text = f"Trade {c.tickers()} with {period}"
        if c.say("oversold", "overbought"):
            text += f": oversold {c.n('oversold')}, overbought {c.n('overbought')}"
        return text

    def slash(c: Context) -> str:
        return (
            f"{c.tickers()} RSI {c.n('period')} strategy with {c.n('oversold')}/{c.n('overbought')} levels, long only"
        )

    def chatty(c: Context) -> str:
        return (
            f"When the RSI ({c.n('period')}) of {c.tickers()} gets oversold (under {c.n('oversold')}) buy it, "
            f"and sell once it is overbought (over {c.n('overbought')})"
        )

    return {
        "rsi:terse": terse,
        "rsi:levels": levels,
        "rsi:oversold": oversold,
        "rsi:slash": slash,
        "rsi:chatty": chatty,
    }


def _bollinger_cores() -> dict[str, Core]:
    def call(c: Context) -> str:
        return (
            f"Bollinger bands ({c.n('period')}, {c.n('k')}) reversion on {c.tickers()}: buy below the lower band, "
            "sell at the middle band"
        )

    def std(c: Context) -> str:
        detail = []
        if c.say("period"):
            detail.append(f"{c.n('period')}-{c.unit()}")
        if c.say("k"):
            detail.append(f"{c.n('k')} standard deviations")
        bands = f"lower Bollinger band ({', '.join(detail)})" if detail else "lower Bollinger band"
        return f"Buy {c.tickers()} when it closes below the {bands} and exit at the middle band"

    def sigma(c: Context) -> str:
        width = f"{c.n('k')} sigma " if c.say("k") else ""
        period = f" over {c.n('period')} {c.unit()}s" if c.say("period") else ""
        return f"Mean reversion on {c.tickers()} with {width}Bollinger bands{period}"

    def bands_width(c: Context) -> str:
        return (
            f"{c.tickers()}: {c.n('period')}-period Bollinger bands, width {c.n('k')} std devs; "
            "buy under the lower band, sell above the middle band"
        )

    def fade(c: Context) -> str:
        return (
            f"Fade moves below the lower band on {c.tickers()}: Bollinger bands with a {c.n('period')}-{c.unit()} "
            f"average and {c.n('k')} standard deviations, take profit at the middle band"
        )

    return {
        "bollinger:call": call,
        "bollinger:std": std,
        "bollinger:sigma": sigma,
        "bollinger:bands-width": bands_width,
        "bollinger:fade": fade,
    }


def _macd_tolerance(c: Context) -> str:
    if c.p["tolerance"] == 0 and not c.say("tolerance"):
        return ""
    if c.p["tolerance"] == 0:
        return ", no histogram threshold"
    return f", with a histogram threshold of {c.n('tolerance')} of price"


def _macd_cores() -> dict[str, Core]:
    def call(c: Context) -> str:
        if not c.say("fast", "slow", "signal"):
            return f"MACD momentum on {c.tickers()}{_macd_tolerance(c)}"
        return f"MACD({c.n('fast')},{c.n('slow')},{c.n('signal')}) momentum on {c.tickers()}{_macd_tolerance(c)}"

    def slashes(c: Context) -> str:
        return (
            f"MACD {c.n('fast')}/{c.n('slow')}/{c.n('signal')} signal-line cross on {c.tickers()}{_macd_tolerance(c)}"
        )

    def named(c: Context) -> str:
        parts = [f"{name} {c.n(name)}" for name in ("fast", "slow", "signal") if c.say(name)]
        detail = f" ({', '.join(parts)})" if parts else ""
        return (
            f"Go long {c.tickers()} when the MACD line is above its signal line{detail} and flat when it is below"
            f"{_macd_tolerance(c)}"
        )

    def histogram(c: Context) -> str:
        return (
            f"MACD histogram momentum on {c.tickers()}: buy when the histogram turns positive, sell when it turns "
            f"negative; fast EMA {c.n('fast')}, slow EMA {c.n('slow')}, signal {c.n('signal')}{_macd_tolerance(c)}"
        )

    return {"macd:call": call, "macd:slashes": slashes, "macd:named": named, "macd:histogram": histogram}


def _donchian_cores() -> dict[str, Core]:
    def atr_clause(c: Context, style: int) -> str:
        if not c.say("atrPeriod", "atrMultiple"):
            return ""
        mult, period, u = c.n("atrMultiple"), c.n("atrPeriod"), c.unit()
        return [
            f", with a trailing stop {mult} ATRs below the best close (ATR period {period})",
            f"; stop at {mult} ATRs below the best close ({period}-{u} ATR)",
            f", ATR {period}, stop {mult} x ATR",
            f"; protective stop {mult} ATRs (ATR length {period}) under the highest close",
        ][style]

    def turtle(c: Context) -> str:
        u = c.unit()
        return (
            f"Donchian breakout on {c.tickers()}: buy a close above the {c.n('entryPeriod')}-{u} high, "
            f"sell below the {c.n('exitPeriod')}-{u} low{atr_clause(c, 0)}"
        )

    def channel(c: Context) -> str:
        u = c.unit()
        return (
            f"Channel breakout for {c.tickers()} using a {c.n('exitPeriod')}-{u} exit channel and a "
            f"{c.n('entryPeriod')}-{u} breakout{atr_clause(c, 1)}"
        )

    def numbers(c: Context) -> str:
        u = c.unit()
        return (
            f"Turtle-style breakout on {c.tickers()}: entry {c.n('entryPeriod')} {u}s, "
            f"exit {c.n('exitPeriod')} {u}s{atr_clause(c, 2)}"
        )

    def new_highs(c: Context) -> str:
        u = c.unit()
        return (
            f"Breakout system: buy {c.tickers()} on new {c.n('entryPeriod')}-{u} highs and sell on new "
            f"{c.n('exitPeriod')}-{u} lows"
            f"{atr_clause(c, 3)}"
        )

    return {
        "donchian:turtle": turtle,
        "donchian:channel": channel,
        "donchian:numbers": numbers,
        "donchian:new-highs": new_highs,
    }


def _pairs_legs(c: Context) -> tuple[str, str]:
    a, b = c.spec["tickers"]
    if all(t in TICKER_NAMES for t in (a, b)) and c.rng.random() < 0.4:
        return c.rng.choice(TICKER_NAMES[a]), c.rng.choice(TICKER_NAMES[b])
    return a, b


def _pairs_exit(c: Context, plain: str) -> str:
    if c.p["exitZ"] == 0:
        return c.pick(["exit when the z-score returns to zero", "exit when it reverts to the mean"])
    return plain


def _pairs_cores() -> dict[str, Core]:
    def enter_exit(c: Context) -> str:
        a, b = _pairs_legs(c)
        lookback = f" ({c.n('lookback')}-{c.unit()} lookback)" if c.say("lookback") else ""
        return (
            f"Pairs trade {a} and {b} on the z-score of their spread{lookback}: enter at {c.n('entryZ')}, "
            f"{_pairs_exit(c, 'exit at ' + c.n('exitZ'))}"
        )

    def stat_arb(c: Context) -> str:
        a, b = _pairs_legs(c)
        return (
            f"Statistical arbitrage between {a} and {b}: open when the spread is {c.n('entryZ')} standard deviations "
            f"from its {c.n('lookback')}-{c.unit()} mean, {_pairs_exit(c, 'close inside ' + c.n('exitZ'))}"
        )

    def window(c: Context) -> str:
        a, b = _pairs_legs(c)
        exit_text = "exit at the mean" if c.p["exitZ"] == 0 else f"exit z {c.n('exitZ')}"
        return f"{a} vs {b} pairs trading, window {c.n('lookback')}, entry z {c.n('entryZ')}, {exit_text}"

    def spread_story(c: Context) -> str:
        a, b = _pairs_legs(c)
        close = (
            "close both legs when it reverts to the mean"
            if c.p["exitZ"] == 0
            else f"close both legs when it is back within {c.n('exitZ')}"
        )
        return (
            f"Trade the spread between {a} and {b}: short the rich one and buy the cheap one when the z-score over "
            f"{c.n('lookback')} {c.unit()}s goes beyond ±{c.n('entryZ')}, and {close}"
        )

    return {
        "pairs:enter-exit": enter_exit,
        "pairs:stat-arb": stat_arb,
        "pairs:window": window,
        "pairs:spread-story": spread_story,
    }


def _lookback_words(days: float) -> list[str]:
    """Ways to say a lookback in trading days (21 a month, 252 a year, as the reader counts them)."""
    days = int(days)
    out = [f"{days}-day"]
    if days % 21 == 0 and days <= 252:
        out.append(f"{days // 21}-month")
    if days == 252:
        out.append("1-year")
    return out


def _rotation_cores() -> dict[str, Core]:
    def schedule(c: Context, weekly: str, monthly: str) -> str:
        return weekly if c.p["rebalance"] == 1 else monthly

    def absolute(c: Context, text: str) -> str:
        return text if c.p["absoluteMomentum"] == 1 else ""

    def lookback(c: Context) -> str:
        return c.pick(_lookback_words(c.p["lookback"]))

    def terse(c: Context) -> str:
        return (
            f"Momentum rotation across {c.tickers()}: hold the top {c.n('topK')} by {lookback(c)} return, "
            f"{schedule(c, 'rebalance weekly', 'rebalance monthly')}"
            f"{absolute(c, ', only when momentum is positive')}"
        )

    def rank(c: Context) -> str:
        return (
            f"Rank {c.tickers()} by {lookback(c)} rate of change {schedule(c, 'every week', 'every month')} "
            f"and buy the {c.n('topK')} strongest{absolute(c, ' (absolute momentum: go to cash if negative)')}"
        )

    def relative(c: Context) -> str:
        return (
            f"Relative momentum strategy: {schedule(c, 'each week', 'each month')} pick the best {c.n('topK')} of "
            f"{c.tickers()} by {lookback(c)} performance{absolute(c, ', with a trend filter that moves to cash')}"
        )

    def sector(c: Context) -> str:
        return (
            f"Relative strength rotation: {schedule(c, 'every week', 'every month')} rotate into the top "
            f"{c.n('topK')} of {c.tickers()} by {lookback(c)} momentum"
            f"{absolute(c, ', staying in cash unless momentum is positive')}"
        )

    return {"rotation:terse": terse, "rotation:rank": rank, "rotation:relative": relative, "rotation:sector": sector}


# -- alpha factors: WorldQuant-style formulas -------------------------------------------------------------------


def alpha_formulas(factor: int, direction: int, n: int) -> list[str]:
    """Formula notations for the alpha family's factor (0 change, 1 vwap-gap, 2 zscore) and direction (0 reversion,
    1 momentum); the first is the template's own. Reversion formulas rank the negated factor."""
    rev = direction == 0
    if factor == 1:
        return (
            [f"rank((vwap({n}) - close) / close)", f"(vwap({n}) - close) / close"]
            if rev
            else [f"rank((close - vwap({n})) / close)", f"(close - vwap({n})) / close"]
        )
    if factor == 2:
        return (
            [f"rank(-(close - sma(close, {n})) / stddev(close, {n})) (mean reversion)"]
            if rev
            else [f"rank((close - sma(close, {n})) / stddev(close, {n}))"]
        )
    return (
        [
            f"rank(-delta(close, {n}) / delay(close, {n}))",
            f"rank(-delta(close, {n}))",
            f"rank(-(close / delay(close, {n}) - 1))",
        ]
        if rev
        else [f"rank(delta(close, {n}) / delay(close, {n}))", f"rank(delta(close, {n}))"]
    )


def _alpha_words(c: Context) -> str:
    n, rev = c.n("lookback"), c.p["direction"] == 0
    style = "reversal" if rev else "momentum"
    factor = int(c.p["factor"])
    if factor == 1:
        what = f"distance from the {n}-day VWAP ({'below VWAP is best' if rev else 'above VWAP is best'})"
    elif factor == 2:
        what = f"{n}-day z-score of price ({'most stretched below the mean first' if rev else 'strongest first'})"
    else:
        what = f"{n}-day price change ({'biggest losers first' if rev else 'biggest winners first'})"
    return f"{style} factor: rank by {what}"


def _alpha_cores() -> dict[str, Core]:
    def formula(c: Context) -> str:
        return c.pick(alpha_formulas(int(c.p["factor"]), int(c.p["direction"]), int(c.p["lookback"])))

    def sides(c: Context, style: int) -> str:
        k = c.n("positions")
        if not c.say("positions"):
            return ["long the top, short the bottom", "buy the top names and short the bottom names"][style % 2]
        return [f"long top {k} short bottom {k}", f"buy the top {k}, short the bottom {k}"][style % 2]

    def rebalance(c: Context) -> str:
        if c.p["rebalance"] == 1:
            return c.pick([", rebalance weekly", ", weekly rebalance"])
        return c.pick([", rebalance daily", ", daily rebalance"]) if c.say("rebalance") else ""

    def terse(c: Context) -> str:
        return f"alpha: {formula(c)} {sides(c, 0)} on {c.tickers()}{rebalance(c)}"

    def worldquant(c: Context) -> str:
        return f"WorldQuant-style alpha on {c.tickers()}: score = {formula(c)}; {sides(c, 1)}{rebalance(c)}"

    def words(c: Context) -> str:
        k = c.n("positions")
        return (
            f"Cross-sectional {_alpha_words(c)}; over {c.tickers()} go long the top {k} and short the bottom {k}"
            f"{rebalance(c)}"
        )

    def alpha101(c: Context) -> str:
        k = c.n("positions")
        return (
            f"Implement the Alpha101-style factor {formula(c)} for {c.tickers()}, going long the top {k} "
            f"and short the bottom {k}{rebalance(c)}"
        )

    return {"alpha:terse": terse, "alpha:worldquant": worldquant, "alpha:words": words, "alpha:alpha101": alpha101}


CORES: dict[str, dict[str, Core]] = {
    "sma-crossover": _ma_cores("sma"),
    "ema-crossover": _ma_cores("ema"),
    "rsi-mean-reversion": _rsi_cores(),
    "bollinger-reversion": _bollinger_cores(),
    "macd-momentum": _macd_cores(),
    "donchian-breakout": _donchian_cores(),
    "pairs-trading": _pairs_cores(),
    "momentum-rotation": _rotation_cores(),
    "alpha-factor": _alpha_cores(),
}

# The record's own canonical description ("<title> on <tickers> with daily bars from ... Parameters: ...") is a
# core of every family; it states everything itself, so it takes no frame.
CANONICAL = "canonical"


# -- frames: how a request is made ----------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def frame_terse(c: Context, core: str) -> str:
    parts = [core]
    res = c.resolution()
    if res:
        parts.append(c.pick([res, f"on {res}", f"using {res}"]))
    risks = c.risks()
    if risks:
        parts.append(c.pick(["with ", ""]) + and_list(risks))
    dates, cash = c.dates(), c.cash()
    if dates:
        parts.append(dates)
    if cash:
        parts.append(c.cash_clause(cash))
    return c.pick([", ", ", ", "; "]).join(parts)


def frame_request(c: Context, core: str) -> str:
    lead = c.pick(
        [
            "Write a LEAN algorithm: ",
            "Create a QuantConnect strategy. ",
            "Generate a LEAN Python algorithm for this: ",
            "Please code this strategy for QuantConnect: ",
        ]
    )
    out = [lead + _sentence(core)]
    res = c.resolution()
    if res:
        out.append(f"Use {res}.")
    risks = c.risks()
    if risks:
        out.append(_sentence(c.pick(["add ", "include ", "use "]) + and_list(risks)))
    dates, cash = c.dates(), c.cash()
    if dates and cash:
        out.append(f"Backtest it {dates} {c.pick(['with', 'starting with'])} {cash}.")
    elif dates:
        out.append(f"Backtest it {dates}.")
    elif cash:
        out.append(c.pick([f"Start with {cash}.", f"Starting capital: {cash}."]))
    return " ".join(out)


def frame_chatty(c: Context, core: str) -> str:
    out = [
        c.pick(
            [
                "Hi! I'd like to try an idea in QuantConnect.",
                "Hey, could you help me with a backtest?",
                "I'm new to LEAN and want to test something.",
                "Looking for a simple algo to backtest.",
            ]
        ),
        _sentence(core),
    ]
    res = c.resolution()
    if res:
        out.append(f"I'd like it to run on {res}.")
    risks = c.risks()
    if risks:
        out.append(f"Can you also add {and_list(risks)}?")
    dates, cash = c.dates(), c.cash()
    if dates:
        out.append(f"Backtest {dates}.")
    if cash:
        out.append(c.pick([f"Start with {cash}.", f"Use {cash} of starting capital.", f"Account size is {cash}."]))
    out.append(c.pick(["Thanks!", "Thank you.", ""]))
    return " ".join(x for x in out if x)


def frame_list(c: Context, core: str) -> str:
    lines = [f"{c.pick(['Strategy', 'Idea', 'Rules'])}: {core}"]
    res = c.resolution()
    if res:
        lines.append(f"Data: {res}")
    dates = c.dates()
    if dates:
        lines.append(f"Backtest: {dates}")
    cash = c.cash()
    if cash:
        lines.append(f"{c.pick(['Capital', 'Starting cash', 'Cash'])}: {cash}")
    risks = c.risks()
    if risks:
        lines.append(f"Money management: {'; '.join(risks)}")
    bullet = c.pick(["- ", "* ", ""])
    return "\n".join(bullet + line for line in lines)


def frame_question(c: Context, core: str) -> str:
    out = [f"How would I build this in QuantConnect LEAN? {_sentence(core)}"]
    extra = []
    res = c.resolution()
    if res:
        extra.append(f"run on {res}")
    risks = c.risks()
    if risks:
        extra.append(f"use {and_list(risks)}")
    dates = c.dates()
    if dates:
        extra.append(f"backtest {dates}")
    cash = c.cash()
    if cash:
        extra.append(c.cash_clause(cash))
    if extra:
        out.append(_sentence("it should " + "; ".join(extra)))
    return " ".join(out)


FRAMES: dict[str, Callable[[Context, str], str]] = {
    "terse": frame_terse,
    "request": frame_request,
    "chatty": frame_chatty,
    "list": frame_list,
    "question": frame_question,
}


@dataclass(frozen=True)
class Phrasing:
    core: str
    frame: str

    @property
    def name(self) -> str:
        return self.core if self.core == CANONICAL else f"{self.core}+{self.frame}"

    def held_out(self, family: str) -> bool:
        return HELD_OUT_CORES.get(family) == self.core or self.frame in HELD_OUT_FRAMES


def phrasings_for(family: str) -> list[Phrasing]:
    """Every phrasing of a family: each core in each frame, and the canonical description."""
    if family not in CORES:
        raise ValueError(f"No phrasings for family {family!r}; known: {', '.join(CORES)}.")
    return [Phrasing(core, frame) for core in CORES[family] for frame in FRAMES] + [Phrasing(CANONICAL, "none")]


def write_prompt(record: dict[str, Any], phrasing: Phrasing, defaults: dict[str, Any], rng: random.Random) -> str:
    """The prompt for ``record`` in ``phrasing``; ``defaults`` are what the product assumes for unstated values."""
    if phrasing.core == CANONICAL:
        return record["description"]
    context = Context(record, defaults, rng)
    core = CORES[record["family"]][phrasing.core](context)
    return FRAMES[phrasing.frame](context, core)
