// `npm run release`: n8n-node release, which on GitHub Actions lints, builds and runs `npm publish` with
// npm provenance (n8n verifies only packages published so). It runs there only, from the Publish workflow
// (.github/workflows/publish.yml) on a version tag; package.json's prepublishOnly (`n8n-node prerelease`)
// refuses an `npm publish` it did not start.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (!process.env.GITHUB_ACTIONS) {
	console.error(`A release is published by the Publish workflow, from a version tag:
  1. set the new version in package.json and the changelog, and commit;
  2. git tag v<version> && git push origin v<version>.
The workflow runs npm test, then this command, which publishes with npm provenance.`);
	process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const release = spawnSync(join(root, 'node_modules', '.bin', 'n8n-node'), ['release'], {
	cwd: root,
	stdio: 'inherit',
});
process.exit(release.status ?? 1);
