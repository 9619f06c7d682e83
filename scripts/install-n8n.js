'use strict';

// Installs the pinned n8n versions into the cache (see scripts/lib/n8n.js); a no-op for those already there.
// `node scripts/install-n8n.js 1.123.81` installs only that version.
const { ensureN8n, N8N_VERSIONS } = require('./lib/n8n');

for (const version of process.argv.length > 2 ? process.argv.slice(2) : N8N_VERSIONS)
	console.log(ensureN8n(console.log, version));
