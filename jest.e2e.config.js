/**
 * End-to-end tests: the built package inside the real n8n CLI and server (see test/e2e/).
 * `CALLBELL_E2E_N8N` = 1 (default: n8n 1.x on Node 20) | 2 (n8n 2.x on Node 24) | all.
 * The pinned n8n versions are installed into .cache/ on first use (globalSetup), so the first
 * run takes several minutes more.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	// One n8n at a time: the machine has 2 cores and each n8n boot uses one fully.
	maxWorkers: 1,
	testTimeout: 10 * 60_000,
	verbose: true,
};
