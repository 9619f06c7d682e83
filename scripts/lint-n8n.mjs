// n8n's own checks for a package it may verify, as `n8n-node` (@n8n/node-cli) runs them:
// 1. `n8n-node cloud-support` must report the package eligible for n8n Cloud: `n8n.strict` is true in
//    package.json and eslint.config.mjs is the CLI's own config, unchanged.
// 2. `n8n-node lint`, with that config, over what n8n reviews: package.json and the node and credential
//    sources (the files n8n's scanner reads from the source a release's provenance names).
//
// The CLI lints every .ts file under the folder it runs in. The tests, the sandbox and the scripts are not
// node code (they read files and the environment, which node code must not), so the lint runs in a copy
// of the package's sources that shares this checkout's node_modules. The whole repository, tests included,
// is linted by `npm run lint:repo` (eslint.repo.config.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'node_modules', '.bin', 'n8n-node');
const plain = { ...process.env, NO_COLOR: '1' };

const cloudSupport = spawnSync(cli, ['cloud-support'], { cwd: root, encoding: 'utf8', env: plain });
const status = `${cloudSupport.stdout}${cloudSupport.stderr}`;
const eligible =
	cloudSupport.status === 0 && /Status: eligible for n8n Cloud verification/.test(status);
console.log(
	eligible
		? 'n8n-node cloud-support: eligible for n8n Cloud verification (strict mode, the CLI eslint config)'
		: `n8n-node cloud-support: NOT eligible\n${status}`,
);
if (!eligible) process.exit(1);

const stage = mkdtempSync(join(tmpdir(), 'apollo-tasks-n8n-lint-'));
let code = 1;
try {
	for (const entry of [
		'package.json',
		'eslint.config.mjs',
		'tsconfig.json',
		'nodes',
		'credentials',
		'icons',
	])
		cpSync(join(root, entry), join(stage, entry), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');

	const lint = spawnSync(cli, ['lint'], { cwd: stage, encoding: 'utf8' });
	// Its report names this checkout's files, not the copy's.
	const report = `${lint.stdout}${lint.stderr}`.split(stage).join(root);
	code = lint.status ?? 1;
	console.log(
		code === 0
			? 'n8n-node lint: no problems in package.json, nodes/ and credentials/'
			: `n8n-node lint found problems:\n${report}`,
	);
} finally {
	rmSync(stage, { recursive: true, force: true });
}
process.exit(code);
