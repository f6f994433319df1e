#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js (built from src/cli/main.ts by `npm run build`).
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
      process.stderr.write('crossread: not built yet; run `npm run build` (npm ci does it for you)\n');
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`crossread: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  });
