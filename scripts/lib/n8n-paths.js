'use strict';

/** Where the pinned n8n versions live: in a cache outside the repository, one folder per version. */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The n8n versions this package is tested against, newest first. */
const N8N_VERSIONS = ['2.41.1', '1.123.81'];
const N8N_VERSION = N8N_VERSIONS[0];
const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} version */
const major = (version) => Number(String(version).split('.')[0]);

function cacheRoot() {
	return (
		process.env.APOLLO_TASKS_CACHE ||
		path.join(
			process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
			'n8n-nodes-apollo-tasks',
		)
	);
}

function n8nDir(version = N8N_VERSION) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

function n8nBin(version = N8N_VERSION) {
	return path.join(n8nDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

/**
 * The folder holding a package that n8n itself uses (n8n-workflow, flatted, ...), as that n8n resolves it.
 * @param {string} name
 */
function n8nModule(name, version = N8N_VERSION) {
	const nested = path.join(n8nDir(version), 'node_modules', 'n8n', 'node_modules', name);
	return fs.existsSync(nested) ? nested : path.join(n8nDir(version), 'node_modules', name);
}

module.exports = { N8N_VERSION, N8N_VERSIONS, ROOT, major, cacheRoot, n8nDir, n8nBin, n8nModule };
