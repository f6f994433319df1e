/** The report formats, and which one a file name asks for. */
export type ReportFormat = 'terminal' | 'markdown' | 'json' | 'html';
export const REPORT_FORMATS: ReportFormat[] = ['terminal', 'markdown', 'json', 'html'];

const BY_EXTENSION: Record<string, ReportFormat> = {
  html: 'html',
  htm: 'html',
  md: 'markdown',
  markdown: 'markdown',
  json: 'json',
  txt: 'terminal',
};

/** The format a file name's extension asks for (`report.html` → html), or undefined (none, or unknown). */
export function formatOfPath(path: string | undefined): ReportFormat | undefined {
  const m = path ? /\.([A-Za-z]+)$/.exec(path) : null;
  return m ? BY_EXTENSION[m[1]!.toLowerCase()] : undefined;
}
