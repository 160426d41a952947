// ESLint 9 flat config: n8n's own rule sets for community packages, as n8n's node-cli uses them.
import eslint from '@eslint/js';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

/**
 * What each room may import (docs/development.md, "Where things live"). One list per room: a
 * later block's no-restricted-imports replaces an earlier one's, so each repeats the ones above.
 */
const away = (group, message) => ({ group, message });
const noTooling = away(
	['**/dev', '**/dev/**', '**/test/**', '**/scripts/**'],
	'Node code never imports the tooling or the tests.',
);
const noActions = away(
	['**/actions', '**/actions/**'],
	'Operations use this room, not the other way round.',
);
const noMethods = away(['**/methods/**'], 'The pickers are not used by this room.');
const boundaries = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
	{ ignores: ['dist/**', '.tools/**', '.cache/**', 'coverage/**', 'node_modules/**'] },
	{
		files: ['**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		// Tests read arbitrary JSON answers.
		files: ['test/**/*.test.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		files: ['scripts/**/*.js', 'gulpfile.js', 'jest*.config.js'],
		extends: [eslint.configs.recommended],
		languageOptions: {
			sourceType: 'commonjs',
			globals: {
				require: 'readonly',
				module: 'writable',
				process: 'readonly',
				__dirname: 'readonly',
				console: 'readonly',
			},
		},
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Both contradict NodeConnectionTypes.Main, which n8n 1.x and 2.x export: off, as in n8n's starter.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...communityNodes.configs.recommended,
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		// Prettier wraps code at 100; a description string is split once it passes 160.
		rules: {
			'no-console': 'error',
			'max-len': ['error', { code: 160, tabWidth: 2 }],
			...boundaries(noTooling),
		},
	},
	{
		files: ['nodes/Callbell/helpers/**/*.ts'],
		rules: boundaries(
			noTooling,
			noActions,
			noMethods,
			away(['**/transport', '**/transport/**'], 'Helpers are pure: no requests.'),
		),
	},
	{
		files: ['nodes/Callbell/transport/**/*.ts'],
		rules: boundaries(
			noTooling,
			noActions,
			noMethods,
			away(['**/helpers/**'], 'The transport speaks requests and answers only.'),
		),
	},
	{ files: ['nodes/Callbell/methods/**/*.ts'], rules: boundaries(noTooling, noActions) },
	{
		files: ['nodes/Callbell/actions/params/**/*.ts', 'nodes/Callbell/actions/*.ts'],
		rules: boundaries(
			noTooling,
			noMethods,
			away(['**/*.operation'], 'Shared rooms never import an operation.'),
		),
	},
	{
		files: ['dev/**/*.ts'],
		rules: boundaries(
			away(['**/scripts/**', '**/test/**'], 'dev/ serves scripts/ and test/ and imports neither.'),
		),
	},
	{
		files: ['scripts/**/*.ts'],
		rules: boundaries(
			away(['**/test/**'], 'Scripts import the tooling from dev/, never from test/.'),
		),
	},
);
