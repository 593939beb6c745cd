// The editor's theme for the canvas charts. CSS styles the rest of the panel with `var(--vscode-*)`
// directly, but a canvas needs colour values: these are read from the computed style (resolved to
// rgb by the browser, so any CSS colour syntax works) and read again when VS Code switches theme,
// which it does by changing the `vscode-light`/`vscode-dark`/`vscode-high-contrast` class on <body>
// and the variables in <html>'s style.

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  border: string;
  crosshair: string;
  fontFamily: string;
  fontSize: number;
  blue: string;
  red: string;
  green: string;
  orange: string;
  purple: string;
  yellow: string;
}

let probe: HTMLElement | undefined;

/** A CSS colour (a var() expression is fine) as the browser resolves it, or null when it does not parse. */
export function resolveColor(css: string): Rgba | null {
  probe ??= document.body.appendChild(Object.assign(document.createElement('span'), { hidden: true }));
  probe.style.color = '';
  probe.style.color = css;
  if (probe.style.color === '') return null;
  const match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(getComputedStyle(probe).color);
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? parseFloat(match[4]) / 100 : parseFloat(match[4]);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: alpha };
}

export function rgba(color: Rgba, alpha = color.a): string {
  return `rgba(${Math.round(color.r)}, ${Math.round(color.g)}, ${Math.round(color.b)}, ${alpha})`;
}

function variable(name: string, fallback: string): Rgba {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return (value && resolveColor(value)) || (resolveColor(fallback) as Rgba);
}

function themeKind(): Theme['kind'] {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  return classes.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const kind = themeKind();
  const light = kind === 'light' || kind === 'high-contrast-light';
  const background = variable('--vscode-editor-background', light ? '#ffffff' : '#1e1e1e');
  const foreground = variable('--vscode-editor-foreground', light ? '#333333' : '#cccccc');
  const style = getComputedStyle(document.documentElement);
  const size = parseFloat(style.getPropertyValue('--vscode-font-size'));
  const contrast = kind.startsWith('high-contrast');
  return {
    kind,
    background: rgba(background, 1),
    foreground: rgba(foreground, 1),
    muted: rgba(variable('--vscode-descriptionForeground', rgba(foreground, 0.7))),
    // Grid lines are a faint foreground; high-contrast themes get them stronger.
    grid: rgba(foreground, contrast ? 0.35 : 0.1),
    border: rgba(variable('--vscode-panel-border', rgba(foreground, 0.3))),
    crosshair: rgba(foreground, contrast ? 0.9 : 0.5),
    fontFamily: style.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif',
    fontSize: Number.isFinite(size) && size > 0 ? size : 12,
    blue: rgba(variable('--vscode-charts-blue', '#3794ff')),
    red: rgba(variable('--vscode-charts-red', '#f14c4c')),
    green: rgba(variable('--vscode-charts-green', '#89d185')),
    orange: rgba(variable('--vscode-charts-orange', '#d18616')),
    purple: rgba(variable('--vscode-charts-purple', '#b180d7')),
    yellow: rgba(variable('--vscode-charts-yellow', '#cca700')),
  };
}

/** Calls `changed` with the new theme whenever VS Code switches it; returns the unsubscribe function. */
export function observeTheme(changed: (theme: Theme) => void): () => void {
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    // One read per frame, after VS Code has changed both the class and the variables.
    requestAnimationFrame(() => {
      scheduled = false;
      changed(readTheme());
    });
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}

/** A colour with some transparency, e.g. for an area fill under a line. */
export function withAlpha(color: string, alpha: number): string {
  const parsed = resolveColor(color);
  return parsed ? rgba(parsed, alpha) : color;
}
