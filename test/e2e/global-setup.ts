/**
 * Before any end-to-end test: every pinned n8n version installed (a no-op for those in the cache), with
 * the progress lines of `npm run n8n:install`, so that `npm run test:e2e` works from a fresh clone and no
 * test's start waits on an install.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8N_VERSIONS } = require('../../scripts/lib/n8n-paths');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { installVersions } = require('../../scripts/lib/install-progress');

export default async function globalSetup(): Promise<void> {
	await installVersions(N8N_VERSIONS);
}
