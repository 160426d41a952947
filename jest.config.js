/**
 * `npx jest --selectProjects <name>`: unit (pure modules, instant), emulator (the Callbell
 * stand-in over HTTP), mcp (the dev MCP client against a tiny MCP server), model (the scripted
 * OpenAI-compatible test double over HTTP), engine (the built nodes through n8n's execution
 * engine against the emulator) and package (what npm publishes and n8n loads). The engine and
 * package projects
 * rebuild dist/ first when a source is newer (test/harness/build-is-current.ts). The real-n8n
 * end-to-end tests have jest.e2e.config.js.
 */
const shared = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
};
const built = { ...shared, globalSetup: '<rootDir>/test/harness/build-is-current.ts' };

module.exports = {
	testTimeout: 30000,
	projects: [
		{ ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...shared, displayName: 'emulator', testMatch: ['<rootDir>/test/emulator/**/*.test.ts'] },
		{ ...shared, displayName: 'mcp', testMatch: ['<rootDir>/test/mcp/**/*.test.ts'] },
		{ ...shared, displayName: 'model', testMatch: ['<rootDir>/test/model/**/*.test.ts'] },
		{
			...built,
			displayName: 'engine',
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: [
				'/node_modules/',
				'<rootDir>/test/(unit|emulator|mcp|model|package|e2e)/',
			],
		},
		{ ...built, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
	],
};
