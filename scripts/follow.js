#!/usr/bin/env node
// What a reader opens to follow one operation end to end: the entry file and every file of this package
// it imports, directly or not (n8n-workflow and Node's own modules left out), with their lines; for Create
// also the router that runs it (the router alone: its imports are the other operations).
// `npm run follow` prints it for Create; `npm run follow -- path/to/file.ts` for another entry file.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const ROUTER = 'nodes/ApolloTasks/actions/router.ts';
const CREATE = 'nodes/ApolloTasks/actions/task/create/create.operation.ts';
const CREATE_PARAMETERS = 'nodes/ApolloTasks/actions/task/create/description.ts';

/** @param {string} from @param {string} specifier */
function resolve(from, specifier) {
	const base = path.resolve(path.dirname(from), specifier);
	return [`${base}.ts`, path.join(base, 'index.ts'), base].find(
		(file) => fs.existsSync(file) && fs.statSync(file).isFile(),
	);
}

const lineCount = (/** @type {string} */ source) =>
	source.split('\n').length - (source.endsWith('\n') ? 1 : 0);

/** @param {string} entry @param {string[]} alone @returns {Map<string, number>} */
function follow(entry, alone) {
	const lines = new Map(
		alone.map((file) => {
			const full = path.resolve(ROOT, file);
			return [full, lineCount(fs.readFileSync(full, 'utf8'))];
		}),
	);
	const visit = (/** @type {string} */ file) => {
		if (lines.has(file)) return;
		const source = fs.readFileSync(file, 'utf8');
		lines.set(file, lineCount(source));
		for (const [, specifier] of source.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)) {
			const target = resolve(file, specifier);
			if (target) visit(target);
		}
	};
	visit(path.resolve(ROOT, entry));
	return lines;
}

const entry = process.argv[2] ?? CREATE;
const lines = follow(entry, entry === CREATE ? [ROUTER] : []);
for (const [file, count] of lines)
	console.log(`${String(count).padStart(5)}  ${path.relative(ROOT, file)}`);
const total = [...lines.values()].reduce((a, b) => a + b, 0);
console.log(
	`To follow ${path.basename(entry)}: ${lines.size} files, ${total.toLocaleString('en-US')} lines.`,
);
if (entry === CREATE) {
	const own = [...lines].filter(([file]) =>
		file.startsWith(path.dirname(path.resolve(ROOT, CREATE))),
	);
	const ownLines = own.reduce((sum, [, n]) => sum + n, 0);
	console.log(
		`Of them, Create's own folder: ${own.length} files, ${ownLines.toLocaleString('en-US')} lines; the router and what Create shares with the other operations: ${lines.size - own.length} files, ${(total - ownLines).toLocaleString('en-US')} lines.`,
	);
	const shown = [...follow(CREATE_PARAMETERS, [])].filter(([file]) => !lines.has(file));
	const count = shown.reduce((sum, [, n]) => sum + n, 0);
	console.log(
		`Beside them, the parameters n8n shows for Create: ${shown.map(([f]) => path.relative(ROOT, f)).join(', ')} (${shown.length} files, ${count.toLocaleString('en-US')} lines).`,
	);
}
