// The repository's own lint (`npm run lint:repo`), stricter than n8n's and wider: the tests, the sandbox,
// the scripts and the config files, plus eslint-plugin-n8n-nodes-base's node, credential and package rules
// with n8n's community rules on the package's sources. eslint.config.mjs is n8n's own config, unchanged,
// as n8n's verification requires; `npm run lint:n8n` runs it with `n8n-node lint`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const communityRules = n8nCommunityNodesPlugin.configs.recommended;

// Rules of the older plugin that contradict n8n's current community rules: these want `['main']` where
// n8n now asks for `NodeConnectionTypes.Main`, and a docs slug where a community credential must give a URL.
/** @type {import('eslint').Linter.RulesRecord} */
const superseded = {
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
};

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'coverage/**',
			'docs/**',
			'.bench/**',
			'.n8n-dev/**',
			'test-results/**',
		],
	},
	{
		// The sandbox, the scripts and the config files: plain Node.js, CommonJS unless .mjs.
		files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
		rules: {
			'no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrors: 'all',
					caughtErrorsIgnorePattern: '^_',
				},
			],
			'no-var': 'error',
			'prefer-const': 'error',
			eqeqeq: ['error', 'always'],
		},
	},
	{ files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...communityRules.plugins },
		rules: { ...n8nNodesBase.configs.community.rules, ...communityRules.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...communityRules.plugins },
		rules: { ...n8nNodesBase.configs.credentials.rules, ...communityRules.rules, ...superseded },
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...communityRules.plugins },
		rules: { ...n8nNodesBase.configs.nodes.rules, ...communityRules.rules, ...superseded },
	},
);
