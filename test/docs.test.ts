import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { anchorsOf, linksOf } from './harness/markdown';

const ROOT = join(__dirname, '..');
const DOCS = join(ROOT, 'docs');
const pages = [
	join(ROOT, 'README.md'),
	...readdirSync(DOCS)
		.filter((f) => f.endsWith('.md'))
		.map((f) => join(DOCS, f)),
];
const read = (file: string) => readFileSync(file, 'utf8');

describe('The README and the docs pages', () => {
	it('keep the README to one screen to start: at most 200 lines', () => {
		expect(read(join(ROOT, 'README.md')).split('\n').length).toBeLessThanOrEqual(200);
	});

	it('link only to files that exist, and to headings that exist in them', () => {
		const broken: string[] = [];
		for (const page of pages) {
			for (const link of linksOf(read(page))) {
				if (/^https?:\/\//.test(link)) continue;
				const [path, anchor] = link.split('#');
				const target = path ? join(dirname(page), path) : page;
				const where = `${relative(ROOT, page)} → ${link}`;
				if (!existsSync(target)) broken.push(`${where}: no such file`);
				else if (anchor !== undefined && !anchorsOf(read(target)).has(anchor))
					broken.push(`${where}: no such heading`);
				else if (anchor !== undefined && statSync(target).isDirectory())
					broken.push(`${where}: an anchor into a folder`);
			}
		}
		expect(broken).toEqual([]);
	});

	it('reach every docs page from the README', () => {
		const linked = new Set(
			linksOf(read(join(ROOT, 'README.md')))
				.filter((link) => link.startsWith('docs/'))
				.map((link) => link.split('#')[0]),
		);
		expect(
			readdirSync(DOCS)
				.filter((f) => f.endsWith('.md'))
				.filter((f) => !linked.has(`docs/${f}`)),
		).toEqual([]);
	});

	it('read links and heading anchors as GitHub does', () => {
		expect(linksOf('[a](docs/none.md#x) `[b](c)` [d](#e)')).toEqual(['docs/none.md#x', '#e']);
		expect([...anchorsOf('# Queue mode (more than one machine)\n## A, b')]).toEqual([
			'queue-mode-more-than-one-machine',
			'a-b',
		]);
	});
});
