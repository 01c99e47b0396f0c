import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request header that hands a page render its script nonce (read by the root layout). */
export const NONCE_HEADER = 'x-nonce';

/**
 * The pages' Content-Security-Policy: scripts only from this page's own nonce (and what they load),
 * nothing from other origins, no framing, no plugins. Development adds `'unsafe-eval'`, which React's
 * development build needs for its debugging aids.
 */
export function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (charts, virtual lists) are not script; blocking them would break layout.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries, API included: no MIME sniffing, and no URL (a token in it) in `Referer`. */
export function applyBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * Headers of a page response, set before Next renders it: a fresh nonce per request, handed to Next
 * through the request's CSP header (Next puts it on its own scripts) and to the root layout.
 */
export function applyPageHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  const nonce = randomBytes(16).toString('base64');
  const policy = pagePolicy(nonce, dev);
  req.headers['content-security-policy'] = policy;
  req.headers[NONCE_HEADER] = nonce;
  res.setHeader('Content-Security-Policy', policy);
  res.setHeader('X-Frame-Options', 'DENY');
}
