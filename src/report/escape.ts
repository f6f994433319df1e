/** Escapes text for HTML element content and quoted attribute values. Article text is untrusted. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&#39;' : '&#96;',
  );
}

/** Escapes Markdown-significant characters in inline text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|#])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

/**
 * A Markdown code span of `s`, taken literally (backslashes are not escapes inside
 * code spans): fenced by more backticks than the longest run in `s`, padded with a
 * space when `s` starts or ends with a backtick; line breaks become spaces.
 */
export function codeSpan(s: string): string {
  const text = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
