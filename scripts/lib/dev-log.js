'use strict';

/**
 * n8n's log as `npm run dev` shows it: one line per message. Stack traces n8n prints with some errors (a
 * failed credential test prints the HTTP client's whole stack, nearly a hundred lines) are left out, with
 * the line that names the error class before them, and a line repeated at once (the same error reported
 * by two layers of n8n) is shown once. N8N_LOG_LEVEL=debug npm run dev shows the log as n8n writes it.
 */

const STACK_FRAME = /^\s+at \S.*$/;
/** "AxiosError: Request failed ...", "NodeApiError: ...": the head of a stack trace. */
const STACK_HEAD = /^[\w.$]*(Error|Exception)(\s\[\w+\])?: /;

/**
 * @param {NodeJS.WritableStream} out
 * @returns {{ write: (chunk: Buffer | string) => void, end: () => void }}
 */
function quietLog(out) {
	let rest = '';
	/** @type {string | undefined} */
	let held; // a stack head, shown only if no frame follows
	let last = '';
	let inStack = false;
	/** @type {NodeJS.Timeout | undefined} */
	let flush;
	const show = (/** @type {string} */ line) => {
		const key = line.trim();
		if (key && key === last) return;
		last = key;
		out.write(`${line}\n`);
	};
	const onLine = (/** @type {string} */ line) => {
		if (STACK_FRAME.test(line)) {
			held = undefined;
			inStack = true;
			return;
		}
		// A blank line or "{ code: ... }" detail after a stack belongs to it.
		if (inStack && (!line.trim() || /^\s/.test(line))) return;
		inStack = false;
		if (held !== undefined) show(held);
		held = undefined;
		if (STACK_HEAD.test(line)) {
			held = line;
			// a head with no frame after it is a message of its own
			clearTimeout(flush);
			flush = setTimeout(() => {
				if (held !== undefined) show(held);
				held = undefined;
			}, 500).unref();
		} else show(line);
	};
	return {
		write(chunk) {
			const lines = (rest + chunk.toString()).split('\n');
			rest = lines.pop() ?? '';
			lines.forEach(onLine);
		},
		end() {
			if (rest) onLine(rest);
			if (held !== undefined) show(held);
			rest = '';
			held = undefined;
		},
	};
}

/**
 * Shows a child's stdout and stderr through `quietLog`, or as they are with N8N_LOG_LEVEL=debug.
 * @param {import('node:child_process').ChildProcess} child
 */
function showN8nLog(child) {
	const verbatim = process.env.N8N_LOG_LEVEL === 'debug';
	for (const [stream, out] of /** @type {const} */ ([
		[child.stdout, process.stdout],
		[child.stderr, process.stderr],
	])) {
		if (!stream) continue;
		if (verbatim) {
			stream.pipe(out);
			continue;
		}
		const log = quietLog(out);
		stream.on('data', (chunk) => log.write(chunk));
		stream.on('end', () => log.end());
	}
}

module.exports = { quietLog, showN8nLog };
