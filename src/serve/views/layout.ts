/** The page frame: head, top bar, main, footer. No inline script or style: one same-origin CSS file and one script. */
import { VERSION } from '../../version.js';
import { assetUrl } from '../assets/index.js';
import { h } from './util.js';

export interface PageOptions {
  title: string;
  body: string;
  /** Which top-bar link is current. */
  nav?: 'stories' | 'add' | null;
  /** The search box's current value. */
  q?: string;
  /** Class on <body> (page kind, for CSS and the script). */
  kind: string;
  /** Extra elements for <head> (e.g. a meta refresh while an upload runs). */
  head?: string;
}

const LOGO = `<svg class="logo" viewBox="0 0 32 32" width="26" height="26" aria-hidden="true" focusable="false"><circle cx="12" cy="16" r="9" /><circle cx="20" cy="16" r="9" /></svg>`;

export function page(o: PageOptions): string {
  const nav = (key: 'stories' | 'add', href: string, label: string) =>
    `<a href="${href}"${o.nav === key ? ' aria-current="page"' : ''}>${label}</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(o.title)} · crossread</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
<link rel="icon" href="${assetUrl('icon.svg')}" type="image/svg+xml">
<script src="${assetUrl('app.js')}" defer></script>
${o.head ?? ''}
</head>
<body class="page-${h(o.kind)}">
<a class="skip" href="#main">Skip to content</a>
<header class="topbar"><div class="wrap topbar-inner">
<a class="brand" href="/">${LOGO}<span>crossread</span></a>
<nav class="nav" aria-label="Main">${nav('stories', '/', 'Stories')}${nav('add', '/add', 'Add news')}</nav>
<form class="topsearch" action="/" method="get" role="search"><label class="sr" for="top-q">Search stories</label><input id="top-q" type="search" name="q" placeholder="Search stories…" value="${h(o.q ?? '')}" autocomplete="off"></form>
</div></header>
<main id="main" class="wrap">
${o.body}
</main>
<footer class="footer"><div class="wrap">crossread ${h(VERSION)} · works offline · <a href="/api/stories">JSON API</a> · <a href="/api/openapi.json">OpenAPI</a></div></footer>
</body>
</html>
`;
}

/** An error page body. */
export function errorBody(status: number, title: string, message: string): string {
  return `<section class="empty error-page"><p class="kicker">Error ${status}</p><h1>${h(title)}</h1><p>${h(message)}</p><p><a class="button" href="/">Back to the stories</a></p></section>`;
}
