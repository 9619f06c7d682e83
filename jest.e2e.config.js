/** End-to-end tests: real n8n, a real browser, n8n's queue mode. `npm run test:e2e`. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	// Installs the pinned n8n versions first; fails the run if a test left a process behind.
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	// A test's own steps; starting and stopping n8n have their own, longer timeouts (see stack.ts).
	testTimeout: 240000,
	maxWorkers: 1,
};
