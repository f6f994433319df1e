/** Report stage: renderers of one Briefing object. */
import type { Briefing } from '../briefing.js';
import type { ReportFormat } from './format.js';
import { renderHtml, type HtmlOptions } from './html.js';
import { renderJson, withArticleTexts, type JsonOptions } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal, type TerminalOptions } from './terminal.js';

export { REPORT_FORMATS, formatOfPath, type ReportFormat } from './format.js';
export { articleName } from './labels.js';

export interface RenderOptions extends TerminalOptions, HtmlOptions, JsonOptions {}

export function render(b: Briefing, format: ReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(b, opts);
    case 'markdown':
      return renderMarkdown(b, opts);
    case 'html':
      return renderHtml(b, opts);
    case 'terminal':
      return renderTerminal(b, opts);
  }
}

export { renderHtml, renderJson, renderMarkdown, renderTerminal, withArticleTexts };
