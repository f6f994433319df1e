/** Terminal text layout shared by the terminal report and its analysis sections: wrapping to a width, colours. */
import type pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/** Wraps `text` to `width` columns, indenting continuation lines by `indent`. */
export function wrap(text: string, width: number, indent: string, firstIndent = indent): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const w of words) {
    const visible = line.replace(/\x1b\[[0-9;]*m/g, '').length;
    if (!empty && visible + 1 + w.replace(/\x1b\[[0-9;]*m/g, '').length > width) {
      lines.push(line);
      line = indent + w;
    } else {
      line += (empty ? '' : ' ') + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
