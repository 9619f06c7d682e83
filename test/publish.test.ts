import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	scripts: Record<string, string>;
};

type Step = { name?: string; run?: string; env?: Record<string, string> };

describe('Publishing: only from the tag workflow, with provenance (n8n verifies nothing else)', () => {
	it('refuses an accidental `npm publish`, before anything is packed', () => {
		const env = { ...process.env };
		delete env.RELEASE_MODE;
		const publish = spawnSync('npm', ['publish', '--dry-run'], {
			cwd: root,
			encoding: 'utf8',
			env,
		});
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		expect(publish.status).not.toBe(0);
		expect(`${publish.stdout}${publish.stderr}`).toContain('Run `npm run release`');
		expect(`${publish.stdout}${publish.stderr}`).not.toContain('total files');
	}, 60_000);

	it('publishes from a version tag, after the whole test suite, through n8n-node release', () => {
		const workflow = parse(readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8')) as {
			on: { push: { tags: string[] } };
			permissions: Record<string, string>;
			jobs: { publish: { steps: Step[] } };
		};
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push.tags).toEqual(['v*']);
		// The OIDC token npm signs the provenance statement with.
		expect(workflow.permissions['id-token']).toBe('write');

		const runs = workflow.jobs.publish.steps.map((step) => step.run?.trim()).filter(Boolean);
		expect(runs.indexOf('npm test')).toBeGreaterThan(-1);
		expect(runs.indexOf('npm run release')).toBeGreaterThan(runs.indexOf('npm test'));
		expect(runs.filter((run) => /npm publish/.test(run ?? ''))).toEqual([]);
		// On GitHub Actions, n8n-node release runs `npm publish` with RELEASE_MODE and provenance.
		expect(pkg.scripts.release).toBe('node scripts/release.mjs');
	});

	it('`npm run release` off GitHub Actions publishes nothing and says how a release is made', () => {
		const env = { ...process.env };
		delete env.GITHUB_ACTIONS;
		const release = spawnSync('npm', ['run', '--silent', 'release'], {
			cwd: root,
			encoding: 'utf8',
			env,
		});
		expect(release.status).not.toBe(0);
		expect(release.stderr).toContain('git tag v<version>');
	}, 60_000);
});
