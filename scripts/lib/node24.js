'use strict';

/**
 * For a script that npm runs without a pre-script: installs the dev dependencies when they are missing
 * (scripts/ensure-deps.js), then, on a Node.js older than 24, runs the script again on the project's own
 * Node 24 (the `node` dev dependency), which n8n 2.x needs. Call it first; it returns on Node 24.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function onNode24() {
	const deps = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-deps.js')], {
		stdio: 'inherit',
	});
	if (deps.status !== 0) process.exit(deps.status ?? 1);
	if (Number(process.versions.node.split('.')[0]) >= 24) return;
	const node24 = path.join(ROOT, 'node_modules', 'node', 'bin', 'node');
	if (!fs.existsSync(node24)) return;
	const again = spawnSync(node24, process.argv.slice(1), { stdio: 'inherit' });
	process.exit(again.status ?? 1);
}

module.exports = { onNode24 };
