/**
 * The web app's request checks and response headers.
 *
 * - Host header (DNS rebinding): a page on evil.example whose name is re-pointed at
 *   127.0.0.1 reaches this server with `Host: evil.example`. Only loopback names, the
 *   address the server is bound to, IP literals (when bound to every interface) and
 *   names given with --allow-host are accepted.
 * - Same origin for state-changing requests (CSRF): a browser sends `Origin` (and
 *   `Sec-Fetch-Site`) with every POST; it must be this server's own origin. Requests
 *   with neither header come from non-browser clients (curl, scripts), which no other
 *   web page can drive, so they are accepted.
 * - Headers: a Content-Security-Policy that allows scripts and styles from this
 *   server only (no inline script, no eval, no external anything), no framing, no
 *   referrer, no MIME sniffing.
 *
 * Written by hand rather than with @fastify/helmet (not installed): the policy is a
 * handful of fixed headers, and the Host and Origin checks are not helmet's job.
 */
import { isIP } from 'node:net';

/** The Content-Security-Policy of every page the app serves. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy of a downloaded self-contained HTML report: its inline CSS, and no script at all. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers sent with every response. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on form posts,
  // which the same-origin check must refuse; links out still carry no referrer.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** Splits a Host header into a lower-cased hostname (IPv6 without brackets) and port. */
export function parseHost(host: string): { hostname: string; port: string | null } | null {
  const h = host.trim().toLowerCase();
  if (!h || h.length > 255) return null;
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(h);
  if (v6) return { hostname: v6[1] as string, port: v6[2] ?? null };
  const m = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m) return null;
  return { hostname: (m[1] as string).replace(/\.$/, ''), port: m[2] ?? null };
}

export interface HostPolicy {
  /** The address the server listens on (`127.0.0.1`, `0.0.0.0`, `::`, a name). */
  bindHost: string;
  /** Extra host names to accept (from --allow-host). */
  allowedHosts?: string[];
}

/** Whether a request's Host header is acceptable under the policy. */
export function hostAllowed(hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (!hostHeader) return false;
  const parsed = parseHost(hostHeader);
  if (!parsed) return false;
  const name = parsed.hostname;
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) return true;
  const bind = policy.bindHost.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === bind) return true;
  if (policy.allowedHosts?.some((a) => a.toLowerCase().replace(/^\[|\]$/g, '') === name)) return true;
  // Bound to every interface: accept addresses typed by hand (an IP literal cannot be
  // rebound by DNS); names still need --allow-host.
  if ((bind === '0.0.0.0' || bind === '::') && isIP(name) !== 0) return true;
  return false;
}

/** Methods that change state and so must pass the same-origin check. */
export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a state-changing request comes from this server's own pages. Returns null
 * when it does (or when no browser is involved), else the origin to name in the refusal.
 */
export function crossOriginOf(
  headers: { origin?: string | undefined; host?: string | undefined; 'sec-fetch-site'?: string | undefined },
  /** The scheme this server was reached by (`http`: crossread serves no TLS itself). */
  scheme: 'http' | 'https' = 'http',
): string | null {
  const origin = headers.origin;
  if (origin !== undefined) {
    if (origin === 'null') return 'null';
    let u: URL;
    try {
      u = new URL(origin);
    } catch {
      return origin;
    }
    // The scheme is part of the origin: https://127.0.0.1:4317 is not http://127.0.0.1:4317.
    if (u.protocol !== `${scheme}:`) return origin;
    const host = (headers.host ?? '').toLowerCase();
    return u.host.toLowerCase() === host ? null : origin;
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a ${site} page`;
  return null;
}
