'use strict';

/** The benchmark sections that print their own Markdown: each a compiled script run against the sandbox. */

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * @param {string} sandboxUrl
 * @returns {string[]}
 */
function benchSections(sandboxUrl) {
	/** @param {string} script @param {string} title */
	const section = (script, title) => {
		process.stderr.write(`${title}:\n`);
		const printed = execFileSync(
			process.execPath,
			[path.join(ROOT, '.bench', 'scripts', 'bench', script), sandboxUrl],
			{
				env: {
					...process.env,
					N8N_LOG_LEVEL: 'silent',
					N8N_USER_FOLDER: fs.mkdtempSync(path.join(os.tmpdir(), 'apollo-bench-')),
				},
				encoding: 'utf8',
			},
		);
		return `## ${title}\n\n${printed.trim()}\n`;
	};
	return [
		section('create-costs.js', 'Create: confirming its tasks, and people by email'),
		section(
			'share.js',
			"Triggers' share of the hourly quota: an hour of polling every minute on the sandbox's clock",
		),
		section(
			'modes.js',
			"What Apollo's reference promises, and what the node costs where Apollo does only that",
		),
	];
}

module.exports = { benchSections };
