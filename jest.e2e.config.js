/** End-to-end tests: real n8n, a real browser, n8n's queue mode. `npm run test:e2e`. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	testTimeout: 240000,
	maxWorkers: 1,
};
