"""Builds extension/core/request/symbolIndex.json: the symbols a strategy request may name, as LEAN knows them.

    bash scripts/build-symbol-index.sh [LEAN]     fetch the sources, then run this script

Facts only (names, markets, security types), never LEAN's data files themselves:
- LEAN's symbol properties database (Data/symbol-properties/symbol-properties-database.csv): crypto and
  crypto-future pairs per market, forex pairs, futures roots with their exchange and description, CFDs,
  indices;
- LEAN's market hours database (Data/market-hours/market-hours-database.json): which markets exist for
  each security type, and the indices it has hours for;
- LEAN's US equity coarse universe (the newest Data/equity/usa/fundamental/coarse/*.csv): the US equity
  tickers of that day, and which of them have no fundamental data (ETFs and other funds);
- the `stocktickers` package (PyPI, MIT): tickers listed on NASDAQ and NYSE today;
- the `pytickersymbols` package (PyPI, MIT): company names of the US indices' members, for "Apple" -> AAPL.

Usage: python3 scripts/build_symbol_index.py --lean-data DIR --lean-commit SHA --stocktickers DIR
       --pytickersymbols DIR --out FILE
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

# Suffixes dropped from company names so that a prompt's "Apple" or "Coca-Cola" finds them.
NAME_SUFFIXES = re.compile(
    r"[,.]?\s+(inc|incorporated|corp|corporation|co|company|companies|plc|ltd|limited|group|holdings?|"
    r"n\.?v|s\.?a|se|ag|class [a-c]|the)\.?$",
    re.IGNORECASE,
)
US_INDICES = ["S&P 500", "NASDAQ 100", "DOW JONES", "S&P 100", "S&P 600"]


def load_module(folder: str, name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, Path(folder) / file)
    if spec is None or spec.loader is None:
        raise ValueError(f"cannot load {file} from {folder}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def symbol_properties(data: Path) -> list[dict[str, str]]:
    text = (data / "symbol-properties" / "symbol-properties-database.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def company_name(name: str) -> str:
    name = name.strip().lower().replace("&amp;", "&")
    previous = None
    while previous != name:
        previous = name
        name = NAME_SUFFIXES.sub("", name).strip(" ,.")
    return re.sub(r"^the\s+", "", name)


def main(args: argparse.Namespace) -> None:
    data = Path(args.lean_data)
    index: dict = {
        "format": 1,
        "sources": {
            "lean": {"repository": "QuantConnect/Lean", "commit": args.lean_commit},
            "stocktickers": {"package": "stocktickers", "version": args.stocktickers_version, "license": "MIT"},
            "pytickersymbols": {
                "package": "pytickersymbols",
                "version": args.pytickersymbols_version,
                "license": "MIT",
            },
        },
    }

    by_type: dict[str, dict[str, set[str]]] = {}
    futures: dict[str, dict[str, str]] = {}
    for row in symbol_properties(data):
        kind, market, symbol = row["type"], row["market"], row["symbol"]
        if symbol == "[*]":
            continue
        if kind == "future":
            # A root traded on several exchanges keeps its first (LEAN lists the primary one first).
            futures.setdefault(
                symbol, {"market": market, "description": row["description"].strip(), "quote": row["quote_currency"]}
            )
        elif kind in ("crypto", "cryptofuture", "forex", "cfd", "index"):
            by_type.setdefault(kind, {}).setdefault(market, set()).add(symbol)

    hours = json.loads((data / "market-hours" / "market-hours-database.json").read_text(encoding="utf-8"))["entries"]
    markets: dict[str, set[str]] = {}
    for key in hours:
        kind, market, symbol = key.split("-", 2)
        markets.setdefault(kind.lower(), set()).add(market)
        if kind == "Index" and symbol != "[*]":
            by_type.setdefault("index", {}).setdefault(market, set()).add(symbol)

    coarse = sorted((data / "equity" / "usa" / "fundamental" / "coarse").glob("*.csv"))
    if not coarse:
        raise ValueError(f"no coarse universe file under {data}/equity/usa/fundamental/coarse")
    equities: set[str] = set()
    funds: set[str] = set()
    for row in csv.reader(coarse[-1].read_text(encoding="utf-8").splitlines()):
        ticker, has_fundamentals = row[1].upper(), row[5]
        equities.add(ticker)
        if has_fundamentals == "False":
            funds.add(ticker)
    for exchange in ("nasdaq", "nyse"):
        equities.update(
            t.upper() for t in load_module(args.stocktickers, exchange, f"stocktickers/{exchange}.py").tickers
        )

    names: dict[str, str] = {}
    indices = load_module(args.pytickersymbols, "indices_data", "pytickersymbols/indices_data.py").INDICES
    for index_name in US_INDICES:
        for company in indices[index_name]["companies"]:
            symbol = company["symbol"].upper()
            if symbol not in equities:
                continue
            name = company_name(company["name"])
            if len(name) >= 3:
                names.setdefault(name, symbol)

    def words(values: set[str]) -> str:
        return " ".join(sorted(values))

    index["markets"] = {kind: sorted(values) for kind, values in sorted(markets.items())}
    for kind in ("crypto", "cryptofuture", "forex", "cfd", "index"):
        index[kind] = {market: words(symbols) for market, symbols in sorted(by_type.get(kind, {}).items())}
    index["future"] = dict(sorted(futures.items()))
    index["equity"] = {"usa": words(equities)}
    index["fund"] = {"usa": words(funds)}
    index["equitySource"] = {"coarse": coarse[-1].name}
    index["names"] = dict(sorted(names.items()))
    Path(args.out).write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"symbol index: {len(equities)} US equities ({len(funds)} funds), {len(futures)} futures roots, "
        f"{sum(len(v) for v in by_type.get('crypto', {}).values())} crypto pairs, {len(names)} company names -> {args.out}",
        file=sys.stderr,
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lean-data", required=True, help="LEAN's Data folder")
    parser.add_argument("--lean-commit", required=True, help="the LEAN commit the Data folder is from")
    parser.add_argument("--stocktickers", required=True, help="the unpacked stocktickers wheel")
    parser.add_argument("--stocktickers-version", required=True)
    parser.add_argument("--pytickersymbols", required=True, help="the unpacked pytickersymbols wheel")
    parser.add_argument("--pytickersymbols-version", required=True)
    parser.add_argument("--out", required=True)
    return parser


if __name__ == "__main__":
    main(make_parser().parse_args())
