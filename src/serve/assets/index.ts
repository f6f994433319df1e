/**
 * The static assets, held in memory: the stylesheet, the script and the icon. They are
 * served from this fixed table by name, so no request path ever reaches the file
 * system (no path traversal is possible), and they ship inside the compiled package.
 * URLs carry a content hash so browsers may cache them for good.
 */
import { createHash } from 'node:crypto';
import { APP_CSS } from './css.js';
import { APP_JS } from './js.js';

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="12" cy="16" r="9" fill="none" stroke="#1f56d6" stroke-width="2.6"/><circle cx="20" cy="16" r="9" fill="none" stroke="#e0572a" stroke-width="2.6"/></svg>`;

export interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

function asset(text: string, type: string): Asset {
  const body = Buffer.from(text, 'utf8');
  return { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['app.css', asset(APP_CSS, 'text/css; charset=utf-8')],
  ['app.js', asset(APP_JS, 'text/javascript; charset=utf-8')],
  ['icon.svg', asset(ICON, 'image/svg+xml')],
]);

/** The URL of an asset, with its content hash. */
export function assetUrl(name: string): string {
  const a = ASSETS.get(name);
  return `/static/${name}${a ? `?v=${a.hash}` : ''}`;
}
