import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { ApolloTasks } from '../nodes/ApolloTasks/ApolloTasks.node';
import { ApolloTasksTrigger } from '../nodes/ApolloTasksTrigger/ApolloTasksTrigger.node';

const root = join(__dirname, '..');

function filesUnder(folder: string, pattern: RegExp): string[] {
	return readdirSync(join(root, folder)).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(join(root, path)).isDirectory()) return filesUnder(path, pattern);
		return pattern.test(name) ? [path] : [];
	});
}

const nodeCode = [...filesUnder('nodes', /\.ts$/), ...filesUnder('credentials', /\.ts$/)];
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The files a source file imports from this package, as paths from the root. */
function importsOf(file: string): string[] {
	const found = [...read(file).matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]);
	return found.map((spec) => relative(root, resolve(root, dirname(file), spec)) + '.ts');
}

/** Every parameter of both nodes, at any depth (collections, fixed collections). */
function allParameters(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allParameters(
			((property.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>).flatMap(
				(option) =>
					'values' in option && option.values
						? option.values
						: 'type' in option
							? [option as INodeProperties]
							: [],
			),
		),
	]);
}

/** Node code outside these files, with its text. */
const elsewhere = (...files: string[]) =>
	nodeCode.filter((file) => !files.includes(file)).map((file) => [file, read(file)] as const);

describe('The rooms of the package', () => {
	it("keeps transport/ free of the nodes' parameter names and option labels", () => {
		const properties = [
			...new ApolloTasks().description.properties,
			...new ApolloTasksTrigger().description.properties,
		];
		const parameters = allParameters(properties);
		// Apollo's own field names (snake_case) may appear; the nodes' camelCase parameters may not.
		const names = [...new Set(parameters.map((p) => p.name))].filter((name) => /[A-Z]/.test(name));
		const labels = [...new Set(parameters.map((p) => p.displayName))].filter((label) =>
			label.includes(' '),
		);
		expect(labels).toEqual(
			expect.arrayContaining([
				'Unknown Emails',
				'Max Wait on Rate Limit (Seconds)',
				'Remember Contact IDs',
			]),
		);
		expect(names).toEqual(
			expect.arrayContaining(['contactsBy', 'ifTaskExists', 'unknownEmails', 'batchSize']),
		);
		const leaks = filesUnder('nodes/ApolloTasks/transport', /\.ts$/).flatMap((file) => {
			const text = read(file);
			return [...names, ...labels]
				.filter((word) => text.includes(word))
				.map((word) => `${file}: ${word}`);
		});
		expect(leaks).toEqual([]);
	});

	it('decides Continue On Fail in the router alone', () => {
		const deciding = nodeCode.filter((file) => /continueOnFail|stopAtFirstError/.test(read(file)));
		expect(deciding).toEqual(['nodes/ApolloTasks/actions/router.ts']);
	});

	it("sends every request through one helper, the transport's (whose client the router stops)", () => {
		const transport = 'nodes/ApolloTasks/transport/request.ts';
		expect(
			elsewhere(transport)
				.filter(([, text]) => /helpers\.(httpRequest|request)/.test(text))
				.map(([file]) => file),
		).toEqual([]);
	});

	it('has no import circle', () => {
		const circles: string[] = [];
		const done = new Set<string>();
		const visit = (file: string, path: string[]) => {
			if (path.includes(file)) {
				circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
				return;
			}
			if (done.has(file)) return;
			for (const next of importsOf(file)) visit(next, [...path, file]);
			done.add(file);
		};
		for (const file of nodeCode) visit(file, []);
		expect(circles).toEqual([]);
	});

	it("lets nothing in transport/ import from the actions or the trigger, but the credential's Base URL rule", () => {
		const upward = filesUnder('nodes/ApolloTasks/transport', /\.ts$/).flatMap((file) =>
			importsOf(file).filter(
				(target) =>
					!target.startsWith('nodes/ApolloTasks/transport/') && target !== 'credentials/baseUrl.ts',
			),
		);
		expect(upward).toEqual([]);
	});

	it('keeps the credential whole on its own: it imports no node code', () => {
		const intoNodes = filesUnder('credentials', /\.ts$/).flatMap((file) =>
			importsOf(file).filter((target) => !target.startsWith('credentials/')),
		);
		expect(intoNodes).toEqual([]);
	});

	it('keeps no module-level mutable state in node code', () => {
		const mutable = nodeCode.filter((file) => /^(export )?(let|var) /m.test(read(file)));
		expect(mutable).toEqual([]);
	});
});
