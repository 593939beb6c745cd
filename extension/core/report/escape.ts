// Every string that comes from a result file (order tags, symbols, log lines, error messages, statistic
// and series names) goes through one of these before it reaches a report, so a tag like
// `<script>…</script>` is shown as text and can never become markup.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

/**
 * Text for one Markdown table cell, list item or paragraph: the ASCII punctuation that can start inline
 * markup in GitHub-flavoured Markdown (code, emphasis, links and images, inline HTML and autolinks,
 * entities, strikethrough, table pipes, math, headings) is backslash-escaped, and line breaks become
 * spaces so a cell stays one row. `(`, `)` and `!` need no escape once `[` and `]` have one.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>&~|$#]/g, (c) => `\\${c}`);
}
