// A prompt being read: its text with typographic quotes and dashes made plain, and the spans that
// a reader has already taken, so that one number or word is never read as two things. What no reader
// took is the prompt's unread part, which a request keeps rather than drops.

export interface Found {
  groups: (string | undefined)[];
  index: number;
  end: number;
  text: string;
}

export class Prompt {
  readonly original: string;
  readonly lower: string;
  private readonly used: boolean[];

  constructor(text: string) {
    // Typographic quotes and dashes to ASCII so the patterns stay simple.
    this.original = text
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, '-');
    // Per code unit, so indexes in `lower` are indexes in `original` (some letters grow when lower-cased).
    this.lower = [...this.original].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
    this.used = new Array<boolean>(this.original.length).fill(false);
  }

  /** Matches of `pattern` (global) that touch no span taken before; each one is taken unless `take` is false. */
  find(pattern: RegExp, options: { take?: boolean; caseSensitive?: boolean } = {}): Found[] {
    const source = options.caseSensitive ? this.original : this.lower;
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const out: Found[] = [];
    for (const match of source.matchAll(new RegExp(pattern.source, flags))) {
      const index = match.index;
      const end = index + match[0].length;
      if (match[0].length === 0 || this.isUsed(index, end)) continue;
      out.push({ groups: match.slice(1), index, end, text: match[0] });
      if (options.take !== false) this.take(index, end);
    }
    return out;
  }

  first(pattern: RegExp, options: { take?: boolean } = {}): Found | undefined {
    const found = this.find(pattern, { take: false })[0];
    if (found && options.take !== false) this.take(found.index, found.end);
    return found;
  }

  has(pattern: RegExp): boolean {
    return pattern.test(this.lower);
  }

  take(index: number, end: number): void {
    for (let i = index; i < end; i++) this.used[i] = true;
  }

  /**
   * The parts of the prompt no reader took, as spans of whole words: stretches of untaken text that hold
   * a letter or digit, trimmed of spaces and punctuation at their ends.
   */
  unread(): { start: number; end: number }[] {
    const spans: { start: number; end: number }[] = [];
    let start = -1;
    for (let i = 0; i <= this.original.length; i++) {
      const free = i < this.original.length && !this.used[i];
      if (free && start < 0) start = i;
      if (!free && start >= 0) {
        const text = this.original.slice(start, i);
        const lead = text.search(/[\p{L}\p{N}]/u);
        if (lead >= 0) {
          const trail =
            text.length -
            [...text]
              .reverse()
              .join('')
              .search(/[\p{L}\p{N}]/u);
          spans.push({ start: start + lead, end: start + trail });
        }
        start = -1;
      }
    }
    return spans;
  }

  isUsed(index: number, end: number): boolean {
    for (let i = index; i < end; i++) if (this.used[i]) return true;
    return false;
  }

  /** The lower-case text up to `chars` before `index`, cut at the last clause break. */
  before(index: number, chars = 40): string {
    const text = this.lower.slice(Math.max(0, index - chars), index);
    const cut = Math.max(text.lastIndexOf(','), text.lastIndexOf(';'), text.lastIndexOf('. '), text.lastIndexOf(' and '));
    return cut >= 0 ? text.slice(cut + 1) : text;
  }

  /** The lower-case text up to `chars` after `end`, cut at the next clause break. */
  after(end: number, chars = 40): string {
    const text = this.lower.slice(end, end + chars);
    const cuts = [text.indexOf(','), text.indexOf(';'), text.indexOf('. '), text.indexOf(' and ')].filter((i) => i >= 0);
    return cuts.length ? text.slice(0, Math.min(...cuts)) : text;
  }
}

/** A pattern matching `term` as a whole word in lower-case text (global). */
export function word(term: string): RegExp {
  return new RegExp(`(?<![a-z0-9])(?:${term})(?![a-z0-9])`, 'g');
}
