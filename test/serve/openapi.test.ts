/** docs/openapi.json is the document the server serves at /api/openapi.json. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPENAPI } from '../../src/serve/openapi.js';
import { REPO } from '../helpers/shared.js';

describe('OpenAPI document', () => {
  it('docs/openapi.json matches the served document (regenerate it when the API changes)', () => {
    const file = JSON.parse(readFileSync(resolve(REPO, 'docs/openapi.json'), 'utf8')) as typeof OPENAPI;
    const served = JSON.parse(JSON.stringify(OPENAPI)) as typeof OPENAPI;
    // The version follows package.json; everything else must be identical.
    expect({ ...file, info: { ...file.info, version: 'x' } }).toEqual({ ...served, info: { ...served.info, version: 'x' } });
  });

  it('documents every API route the app registers', async () => {
    const { buildApp } = await import('../../src/serve/app.js');
    const { openStore } = await import('../../src/store/index.js');
    const store = await openStore(':memory:');
    const app = await buildApp({ store, worker: false });
    try {
      await app.fastify.ready();
      for (const [path, ops] of Object.entries(OPENAPI.paths)) {
        for (const method of Object.keys(ops)) {
          const r = await app.fastify.inject({ method: method.toUpperCase() as 'GET', url: path.replace(/\{\w+\}/g, 'nope') });
          expect(r.statusCode, `${method} ${path}`).not.toBe(500);
          expect(JSON.parse(r.body).error?.code ?? 'ok', `${method} ${path}`).not.toBe('ROUTE_NOT_FOUND');
        }
      }
    } finally {
      await app.close();
      await store.close();
    }
  });
});
