// The composer as training data: requests drawn from its combinations, each phrased into a prompt and
// written by the offline generator from that prompt, exactly as a user's prompt would be. A record
// keeps the prompt, the code, what wrote it, the defaults it took and the request it was drawn from;
// a drawn request the generator declines (an impossible combination) is counted, not written.
// `lean-author dataset --composed N` prints these as JSON lines for training/lean_training.
//
// Held out for the dataset's test split (training/lean_training/splits.py reads the flags, so the rule
// lives here, beside the draws and the phrasings it names): a record is `heldOut.phrasing` when its
// prompt uses one of HELD_OUT_VARIANTS, and `heldOut.params` when its signal's numbers are one of
// HELD_OUT_PARAMS. Training never sees either; the test split measures them.
import { generateOffline, isOfflineDeclined } from '../offlineGenerator';
import type { SignalKind, StrategyRequest } from '../../request/types';
import { drawRequest } from './enumerateRequests';
import { phraseRequestParts } from './phraseRequest';
import { seededRandom } from '../../seededRandom';

export interface ComposedRecord {
  /** `composed-<seed>-<index>`: the draw's place in its seed's sequence. */
  id: string;
  prompt: string;
  code: string;
  /** `composer:<signal>`: the block that wrote the code. */
  writer: string;
  /** The security types traded (the underlying's for options), for the dataset's counts and splits. */
  securityTypes: string[];
  /** The phrasing variants the prompt used, so splits can hold whole phrasings out. */
  variants: string[];
  /** Whether the prompt uses a held-out wording, and whether the signal's numbers are held out. */
  heldOut: { phrasing: boolean; params: boolean };
  notes: string[];
}

/** Wordings only test prompts use: two ways of opening the request, and tickers in lower case (about one prompt in eight). */
export const HELD_OUT_VARIANTS: ReadonlySet<string> = new Set(['core:verb-first', 'core:on-instruments', 'tickers:lower-case']);

/** For some signals, numbers only test prompts ask for (all the listed numbers stated, as drawn): about one draw in ten. */
export const HELD_OUT_PARAMS: Readonly<Partial<Record<SignalKind, Readonly<Record<string, number>>>>> = {
  rsi: { period: 2 },
  macd: { fast: 8, slow: 21 },
  donchian: { period: 55 },
  momentum: { period: 63 },
};

export interface ComposedOutcome {
  records: ComposedRecord[];
  /** Draws the generator declined, by the first words of the reason. */
  declined: Record<string, number>;
}

/** `count` draws from `seed`; the same records on every machine. */
export function composedRecords(seed: number, count: number): ComposedOutcome {
  const draws = seededRandom(seed);
  const phrasing = seededRandom(seed + 1);
  const records: ComposedRecord[] = [];
  const declined: Record<string, number> = {};
  for (let index = 0; index < count; index++) {
    const request = drawRequest(draws);
    const { text, variants } = phraseRequestParts(request, phrasing);
    try {
      const generated = generateOffline(text);
      records.push({
        id: `composed-${seed}-${index}`,
        prompt: text,
        code: generated.code,
        writer: generated.writer,
        securityTypes: typesOf(request),
        variants,
        heldOut: { phrasing: variants.some((v) => HELD_OUT_VARIANTS.has(v)), params: heldOutParams(request) },
        notes: generated.notes,
      });
    } catch (error) {
      if (!isOfflineDeclined(error)) throw error;
      const key = error.message.split(/[:.(]/)[0]!.trim();
      declined[key] = (declined[key] ?? 0) + 1;
    }
  }
  return { records, declined };
}

function typesOf(request: StrategyRequest): string[] {
  if (request.universe) return ['equity'];
  return [...new Set(request.instruments.map((i) => i.securityType))].sort();
}

function heldOutParams(request: StrategyRequest): boolean {
  return request.signals.some((signal) => {
    const held = HELD_OUT_PARAMS[signal.kind];
    return held !== undefined && Object.entries(held).every(([name, value]) => signal.params[name]?.value === value);
  });
}
