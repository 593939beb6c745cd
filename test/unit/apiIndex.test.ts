import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LeanApiIndex } from '../../extension/core/validation/api/apiIndex';
import { repositoryRoot } from '../repositoryRoot';

const apiDir = path.join(repositoryRoot(), 'extension', 'core', 'validation', 'api');
const index = JSON.parse(readFileSync(path.join(apiDir, 'leanApiIndex.json'), 'utf8')) as LeanApiIndex;
const pin = JSON.parse(readFileSync(path.join(apiDir, 'stubsPin.json'), 'utf8')) as { package: string; version: string };

describe('LEAN API index', () => {
  it('was generated from the pinned quantconnect-stubs release', () => {
    expect(index.stubs).toEqual(pin);
    expect(index.format).toBe(1);
  });

  it('knows the QCAlgorithm API that every algorithm uses, with overloads', () => {
    const m = index.qcAlgorithm.methods;
    expect(m['set_start_date']).toEqual(expect.arrayContaining(['year month day', 'start']));
    expect(m['add_equity']?.[0]).toMatch(/^ticker \?resolution/);
    expect(m['set_holdings']?.length).toBeGreaterThanOrEqual(2);
    for (const name of ['initialize', 'on_data', 'debug', 'log', 'liquidate', 'set_warm_up', 'history', 'plot'])
      expect(m, name).toHaveProperty(name);
    for (const name of ['portfolio', 'securities', 'time', 'is_warming_up', 'schedule', 'date_rules'])
      expect(index.qcAlgorithm.properties).toContain(name);
  });

  it('maps indicator helpers to the classes they create', () => {
    expect(index.indicatorHelpers['rsi']).toBe('RelativeStrengthIndex');
    expect(index.indicatorHelpers['sma']).toBe('SimpleMovingAverage');
    expect(index.indicatorHelpers['bb']).toBe('BollingerBands');
    expect(index.indicatorClasses).toContain('RelativeStrengthIndex');
  });

  it('lists enum members and the names AlgorithmImports brings in', () => {
    expect(index.enums['Resolution']).toEqual(['TICK', 'SECOND', 'MINUTE', 'HOUR', 'DAILY']);
    expect(index.enums['OrderStatus']).toContain('FILLED');
    for (const name of ['QCAlgorithm', 'Resolution', 'Slice', 'TradeBar', 'np', 'pd', 'datetime', 'timedelta', 'Optional', 'math', 'json'])
      expect(index.algorithmImports).toContain(name);
    expect(index.builtins).toContain('print');
  });
});
