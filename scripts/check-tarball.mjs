// Checks the package as npm would publish it (part of `npm test`, after the build):
// - `npm pack` holds only dist/, index.js (the entry point), README.md, LICENSE and package.json, and
//   every file n8n loads;
// - no source map, and no reference to one (the sources they would point at are not shipped);
// - n8n's community package scanner passes. The scanner's command line fetches the package and its
//   provenance-attested source from the npm registry and GitHub, so this runs the scanner's own
//   `analyzePackage` on both legs locally: the unpacked tarball (compiled .js and package.json, as the
//   scanner lints the download) and this checkout (the node and credential sources, as it lints the
//   attested source). Same rules, same configuration; no network.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** @type {string[]} */
const problems = [];
const work = mkdtempSync(join(tmpdir(), 'apollo-tasks-pack-'));

try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const files = /** @type {string[]} */ (
		packed.files.map((/** @type {{ path: string }} */ f) => f.path)
	).sort();

	const allowed = (/** @type {string} */ file) =>
		['package.json', 'README.md', 'LICENSE', 'index.js'].includes(file) || file.startsWith('dist/');
	for (const file of files.filter((f) => !allowed(f)))
		problems.push(
			`ships ${file}, which is not dist/, index.js, README.md, LICENSE or package.json`,
		);
	for (const file of ['package.json', 'README.md', 'LICENSE', 'index.js'])
		if (!files.includes(file)) problems.push(`does not ship ${file}`);
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
		if (!files.includes(file))
			problems.push(`does not ship ${file}, which package.json's "n8n" attribute names`);
	if (pkg.main && !files.includes(pkg.main))
		problems.push(`does not ship ${pkg.main}, which package.json's "main" names`);

	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
	for (const file of files.filter((f) => f.endsWith('.map')))
		problems.push(`ships the source map ${file}`);
	for (const file of files.filter((f) => /\.(js|d\.ts)$/.test(f))) {
		const reference = /[#@] sourceMappingURL=(\S+)/.exec(
			readFileSync(join(unpacked, file), 'utf8'),
		);
		if (reference) problems.push(`${file} points at the source map ${reference[1]}`);
	}

	// The entry point, as `require('n8n-nodes-apollo-tasks')` loads it from an install (n8n-workflow,
	// the peer, from this checkout's node_modules).
	const exported = execFileSync(
		process.execPath,
		[
			'-e',
			'const m = require(process.argv[1]); console.log(JSON.stringify(Object.entries(m).map(([k, C]) => [k, new C().name ?? new C().description.name])))',
			join(unpacked, 'index.js'),
		],
		{ encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'node_modules') } },
	);
	const expected = [
		['ApolloTasks', 'apolloTasks'],
		['ApolloTasksTrigger', 'apolloTasksTrigger'],
		['ApolloTasksApi', 'apolloTasksApi'],
	];
	if (exported.trim() !== JSON.stringify(expected))
		problems.push(`index.js exports ${exported.trim()}, not ${JSON.stringify(expected)}`);

	/** @type {Array<[string, import('@n8n/scan-community-package/scanner/scanner.mjs').ScanResult]>} */
	const legs = [
		['the unpacked tarball', await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
		['the node and credential sources', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	];
	for (const [leg, result] of legs) {
		if (!result.passed)
			problems.push(
				`n8n's community package scanner fails on ${leg}: ${result.message}\n${result.details ?? ''}`,
			);
	}

	if (problems.length === 0) {
		const size = (packed.size / 1024).toFixed(1);
		console.log(
			`Tarball ${packed.filename}: ${files.length} files, ${size} kB packed (dist/, index.js, README.md, LICENSE, package.json); no source maps; n8n's community package scanner rules pass on the tarball and on the sources.`,
		);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
	console.error(`The packed package is not ready to publish:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
