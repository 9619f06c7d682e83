import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';

import { TOOL_DESCRIPTION } from '../nodes/ApolloTasks/shared/about';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('The built package, loaded the way n8n loads community packages', () => {
	it("exports the node, the trigger and the credential from its entry point (package.json's main)", () => {
		expect(pkg.main).toBe('index.js');
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS entry point itself
		const entry = require(join(root, pkg.main));
		expect(Object.keys(entry)).toEqual(['ApolloTasks', 'ApolloTasksTrigger', 'ApolloTasksApi']);
		expect(new entry.ApolloTasks().description.name).toBe('apolloTasks');
		expect(new entry.ApolloTasksTrigger().description.name).toBe('apolloTasksTrigger');
		expect(new entry.ApolloTasksApi().name).toBe('apolloTasksApi');
	});

	it('registers the Apollo Tasks node and credential from dist/', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();

		expect(Object.keys(loader.known.nodes).sort()).toEqual(['apolloTasks', 'apolloTasksTrigger']);
		expect(Object.keys(loader.known.credentials)).toEqual(['apolloTasksApi']);
		const node = loader.getNode('apolloTasks').type;
		const description = 'description' in node ? node.description : undefined;
		expect(description).toMatchObject({
			name: 'apolloTasks',
			displayName: 'Apollo Tasks',
			version: [1, 2],
			usableAsTool: { replacements: { description: TOOL_DESCRIPTION } },
		});
		expect(loader.known.credentials.apolloTasksApi.supportedNodes?.sort()).toEqual([
			'apolloTasks',
			'apolloTasksTrigger',
		]);
		const trigger = loader.getNode('apolloTasksTrigger').type;
		expect(
			'description' in trigger && 'polling' in trigger.description && trigger.description.polling,
		).toBe(true);
	});

	it('names one copy of the icons, dist/icons, for the node, the trigger and the credential, as n8n serves them', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const described = [
			...['apolloTasks', 'apolloTasksTrigger'].map((name) => {
				const type = loader.getNode(name).type;
				return 'description' in type ? type.description : {};
			}),
			loader.getCredential('apolloTasksApi').type,
		] as Array<{ iconUrl?: { light: string; dark: string } }>;
		const urls = described.flatMap(({ iconUrl }) => [iconUrl?.light, iconUrl?.dark]);
		expect(new Set(urls)).toEqual(
			new Set([
				'icons/n8n-nodes-apollo-tasks/dist/icons/apollo.svg',
				'icons/n8n-nodes-apollo-tasks/dist/icons/apollo.dark.svg',
			]),
		);
		for (const url of new Set(urls))
			expect(
				readFileSync(join(root, url!.replace('icons/n8n-nodes-apollo-tasks/', '')), 'utf8'),
			).toMatch(/^<svg/);
	});

	it('ships icons, codex and nothing it does not need', () => {
		for (const file of [
			'dist/icons/apollo.svg',
			'dist/icons/apollo.dark.svg',
			'dist/nodes/ApolloTasks/ApolloTasks.node.json',
			'dist/nodes/ApolloTasksTrigger/ApolloTasksTrigger.node.json',
		]) {
			expect(existsSync(join(root, file))).toBe(true);
		}
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist', 'index.js']);
	});

	it('imports nothing in node code but n8n-workflow and its own files', () => {
		const files = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }).filter(
			(file) => file.endsWith('.js'),
		);
		const outside = new Set<string>();
		for (const file of files) {
			const compiled = readFileSync(join(root, 'dist', file), 'utf8');
			for (const [, module] of compiled.matchAll(/require\("([^"]+)"\)/g))
				if (!module.startsWith('.')) outside.add(module);
		}
		expect(files.length).toBeGreaterThan(20);
		expect([...outside]).toEqual(['n8n-workflow']);
	});
});

describe('In an n8n older than the minimum', () => {
	it('refuses to load with a message naming the minimum, not a TypeError n8n would report as "Class could not be found"', () => {
		for (const file of [
			'dist/nodes/ApolloTasks/ApolloTasks.node.js',
			'dist/nodes/ApolloTasksTrigger/ApolloTasksTrigger.node.js',
		]) {
			jest.isolateModules(() => {
				// n8n-workflow as n8n 1.84 and older ship it: no NodeConnectionTypes.
				jest.doMock('n8n-workflow', () => ({
					...jest.requireActual('n8n-workflow'),
					NodeConnectionTypes: undefined,
				}));
				let error: unknown;
				try {
					// eslint-disable-next-line @typescript-eslint/no-require-imports
					require(join(root, file));
				} catch (thrown) {
					error = thrown;
				}
				expect(error).toBeInstanceOf(Error);
				expect(error).not.toBeInstanceOf(TypeError);
				expect((error as Error).message).toMatch(
					/^n8n-nodes-apollo-tasks needs n8n 1\.85\.0 or newer/,
				);
			});
		}
		jest.dontMock('n8n-workflow');
	});

	it('loads in a current n8n', () => {
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { ApolloTasks } = require(join(root, 'dist/nodes/ApolloTasks/ApolloTasks.node.js'));
			expect(new ApolloTasks().description.inputs).toEqual(['main']);
		});
	});
});
