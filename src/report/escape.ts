const NEEDS_ESCAPE = /[&<>"'`]/;

/**
 * Escapes text for HTML element content and quoted attribute values. Article text is
 * untrusted. Most strings need nothing (returned as they are); the others are copied in
 * slices between the characters replaced (a list page calls this ~150 times: a
 * replace with a callback per match was a third of its rendering time).
 */
export function escapeHtml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let rep: string;
    switch (s.charCodeAt(i)) {
      case 38: // &
        rep = '&amp;';
        break;
      case 60: // <
        rep = '&lt;';
        break;
      case 62: // >
        rep = '&gt;';
        break;
      case 34: // "
        rep = '&quot;';
        break;
      case 39: // '
        rep = '&#39;';
        break;
      case 96: // `
        rep = '&#96;';
        break;
      default:
        continue;
    }
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
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
