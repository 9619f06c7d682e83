/**
 * `npm run reliability`: runs the fault matrix through n8n's engine against the Apollo sandbox and
 * prints what happened to every task and every read; `--write` also saves it as docs/reliability.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { closedPort, createCase, sandbox, searchCase, type Row } from './reliability-cases';

async function main(): Promise<void> {
	await sandbox.start();
	const rows: Row[] = [];
	const bulk = '/tasks/bulk_create';
	const search = '/tasks/search';
	try {
		rows.push(await createCase('none', []));
		rows.push(
			await createCase('429 burst, minute window (2 answers)', [
				{ path: bulk, action: 'rate-limit', window: 'minute', times: 2 },
			]),
		);
		rows.push(
			await createCase('429, hourly window', [
				{ path: bulk, action: 'rate-limit', window: 'hourly', times: Infinity },
			]),
		);
		rows.push(
			await createCase('429, daily window', [
				{ path: bulk, action: 'rate-limit', window: 'daily', times: Infinity },
			]),
		);
		rows.push(
			await createCase('500 on the 2nd request', [
				{ path: bulk, action: 'status', status: 500, after: 1 },
			]),
		);
		rows.push(
			await createCase('HTML 502 page on the 2nd request', [
				{ path: bulk, action: 'html', status: 502, after: 1 },
			]),
		);
		rows.push(
			await createCase('answer lost after the create (2nd request)', [
				{ path: bulk, action: 'drop-after', after: 1 },
			]),
		);
		rows.push(
			await createCase('connection dropped before the create (2nd request)', [
				{ path: bulk, action: 'drop', after: 1 },
			]),
		);
		rows.push(
			await createCase(
				'answer slower than the 1 s timeout (2nd request)',
				[{ path: bulk, action: 'slow', delayMs: 1500, after: 1 }],
				{ timeout: 1 },
			),
		);
		rows.push(
			await createCase('malformed JSON answer (2nd request)', [
				{ path: bulk, action: 'malformed', after: 1 },
			]),
		);
		rows.push(
			await createCase('connection refused', [], {
				baseUrl: `http://127.0.0.1:${await closedPort()}`,
			}),
		);
		rows.push(
			await createCase(
				'500 on the 2nd request, without Continue On Fail',
				[{ path: bulk, action: 'status', status: 500, after: 1 }],
				{ continueOnFail: false },
			),
		);

		rows.push(await searchCase('none', []));
		rows.push(
			await searchCase('503 twice on page 3', [
				{ path: search, action: 'status', status: 503, after: 2, times: 2 },
			]),
		);
		rows.push(
			await searchCase('HTML 502 page on page 4', [{ path: search, action: 'html', after: 3 }]),
		);
		rows.push(
			await searchCase('connection dropped on page 5', [
				{ path: search, action: 'drop', after: 4 },
			]),
		);
		rows.push(
			await searchCase('malformed JSON on page 2', [
				{ path: search, action: 'malformed', after: 1 },
			]),
		);
		rows.push(
			await searchCase('answer slower than the 2 s timeout on page 2', [
				{ path: search, action: 'slow', delayMs: 2500, after: 1 },
			]),
		);
		rows.push(
			await searchCase('429 burst, minute window (2 answers)', [
				{ path: search, action: 'rate-limit', window: 'minute', after: 5, times: 2 },
			]),
		);
		rows.push(
			await searchCase('429, daily window', [
				{ path: search, action: 'rate-limit', window: 'daily', after: 5, times: Infinity },
			]),
		);
		rows.push(
			await searchCase('503 on every request', [
				{ path: search, action: 'status', status: 503, times: Infinity },
			]),
		);
		rows.push(
			await searchCase('pagination repeats page 6', [
				{ path: search, action: 'repeat-page', after: 5 },
			]),
		);
		rows.push(
			await searchCase('empty page 6 of 25', [{ path: search, action: 'empty-page', after: 5 }]),
		);
		rows.push(
			await searchCase('total grows on page 6', [{ path: search, action: 'grow-total', after: 5 }]),
		);
		rows.push(await searchCase('more than 50,000 matches', [], 50_001));
	} finally {
		await sandbox.stop();
	}

	const table = [
		'| fault | operation | requests sent | tasks expected | tasks in sandbox / read | duplicates | reads lost | outcome |',
		'|---|---|---:|---:|---:|---:|---:|---|',
		...rows.map(
			(r) =>
				`| ${r.fault} | ${r.operation} | ${r.requests} | ${r.expected} | ${r.exist} | ${r.duplicates} | ${r.lostReads} | ${r.outcome.replace(/\|/g, '\\|')} |`,
		),
	].join('\n');
	const duplicates = rows.reduce((sum, r) => sum + r.duplicates, 0);
	const lost = rows.reduce(
		(sum, r) => sum + (typeof r.lostReads === 'number' ? r.lostReads : 0),
		0,
	);
	const silent = rows.filter((r) => r.outcome.startsWith('INCOMPLETE')).length;
	const report = [
		'# Reliability: the fault matrix',
		'',
		"Measured with `npm run reliability`: each row runs a real workflow through n8n-core's engine against the Apollo sandbox with one fault switched on, then counts the tasks that exist in the sandbox and the tasks the search returned. Create rows send 250 items (3 requests of at most 100 contacts) with Continue On Fail on unless noted, so each failed request gives its items their own error; search rows read all of 2,500 tasks (25 pages).",
		'',
		table,
		'',
		`Totals: ${duplicates} duplicate tasks, ${lost} lost reads, ${silent} runs that ended incomplete without an error.`,
		'',
		'Reading the create rows: when Apollo may have acted on a request (a 5xx, a time-out, a lost or unreadable answer), the node does not send it again, and the items of that request get an error saying the tasks may or may not exist; "tasks in sandbox" shows whether they do. When Apollo certainly did not act (a 429, a refused connection), the request is repeated after the wait or the error says nothing was created. A connection dropped with no answer is treated as "may have acted": the sandbox shows both cases (the create happened and the answer was lost; the connection dropped before the create), and the node reports both the same careful way.',
		'',
	].join('\n');
	if (process.argv.includes('--write'))
		writeFileSync(join(__dirname, '..', '..', '..', 'docs', 'reliability.md'), report);
	console.log(report);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
