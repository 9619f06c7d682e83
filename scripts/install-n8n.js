'use strict';

// `npm run n8n:install`: installs the pinned n8n versions into the cache (see scripts/lib/n8n-paths.js),
// each with its progress lines; a no-op for those already there. `npm run n8n:install -- 1.123.81`
// installs only that version.
require('./lib/node24').onNode24();

const { N8N_VERSIONS } = require('./lib/n8n-paths');
const { installVersions } = require('./lib/install-progress');

installVersions(process.argv.length > 2 ? process.argv.slice(2) : N8N_VERSIONS).catch((error) => {
	console.error(error.message);
	process.exit(1);
});
