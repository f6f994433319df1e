/** Report stage: renderers of one Briefing object. */
import type { Briefing } from '../briefing.js';
import { renderHtml, type HtmlOptions } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal, type TerminalOptions } from './terminal.js';

export type ReportFormat = 'terminal' | 'markdown' | 'json' | 'html';
export const REPORT_FORMATS: ReportFormat[] = ['terminal', 'markdown', 'json', 'html'];

export interface RenderOptions extends TerminalOptions, HtmlOptions {}

export function renderJson(b: Briefing): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

export function render(b: Briefing, format: ReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(b);
    case 'markdown':
      return renderMarkdown(b);
    case 'html':
      return renderHtml(b, opts);
    case 'terminal':
      return renderTerminal(b, opts);
  }
}

export { renderHtml, renderMarkdown, renderTerminal };
