/** An article's identity in a store: the hash that makes re-ingesting the same content a no-op. */
import { createHash } from 'node:crypto';

/** SHA-256 (hex) of the normalised text (whitespace runs as one space, trimmed). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}
