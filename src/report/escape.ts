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
