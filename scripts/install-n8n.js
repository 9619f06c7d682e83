'use strict';

// Installs the pinned n8n into the cache (see scripts/lib/n8n.js); a no-op when it is there.
const { ensureN8n } = require('./lib/n8n');

console.log(ensureN8n());
