import { createServer, type Socket } from 'node:net';

import { loadWorkflow, withItems, withParameters, type WorkflowFile } from './harness/engine';
import { useVirtualClock } from './harness/clock';
import { createOnly, runWithoutKeyLeaks } from './harness/keyLeaks';
import { MASTER_KEY, useSandbox } from './harness/sandbox';

// Retries and pacing, counted where Apollo applies what a search asks: one request a page.
const env = useSandbox({ mode: 'extended' });
const clock = useVirtualClock(() => env.sandbox);
const NODE = 'Apollo Tasks';
const search = loadWorkflow('search-tasks.json');
const create = withItems(loadWorkflow('create-tasks.json'), [
	{ contact_id: '5c0000000000000000000001' },
	{ contact_id: '5c0000000000000000000002' },
]);
const apiCalls = () => env.sandbox.requests;
const creates = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');

const run = (workflow: WorkflowFile, apiKey?: string, baseUrl?: string) =>
	runWithoutKeyLeaks(env, workflow, apiKey, baseUrl);

describe('Apollo errors become errors that say what to do', () => {
	it('401: the key is wrong or revoked, and the request is sent once', async () => {
		const result = await run(search, 'a-wrong-key-1234');

		expect(result.error(NODE)).toMatchObject({
			name: 'NodeApiError',
			httpCode: '401',
			message: expect.stringMatching(/wrong or was revoked/),
		});
		expect(String(result.error(NODE)!.description)).toMatch(/Settings > Integrations > API/);
		expect(apiCalls()).toHaveLength(1);
	});

	it("422: Apollo's own message", async () => {
		env.sandbox.addFault({
			path: '/tasks/search',
			action: 'status',
			status: 422,
			message: 'Per page not supported',
		});
		const result = await run(search);

		expect(result.error(NODE)).toMatchObject({
			httpCode: '422',
			message: 'Apollo rejected the request: Per page not supported',
		});
	});

	it('429 on the minute window: waits and goes on when the wait is allowed', async () => {
		env.sandbox.addFault({
			path: '/tasks/search',
			action: 'rate-limit',
			window: 'minute',
			times: 1,
		});
		clock.set(Date.UTC(2026, 10, 28, 12, 0, 10));
		const result = await run(search);

		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)).toHaveLength(50);
		expect(apiCalls().map((r) => r.status)).toEqual([429, 200]);
		// A 429 whose headers name no used-up window backs off a second (and a margin) before asking again.
		const [refused, next] = apiCalls();
		expect(clock.waits).toEqual([1050]);
		expect(next.at - refused.at).toBe(1050);
	});

	it('429 on the minute window with no wait allowed: says which limit, that nothing was done, and when it resets', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'rate-limit', window: 'minute' });
		const result = await run(withParameters(create, NODE, { options: { maxRateLimitWait: 0 } }));

		expect(result.error(NODE)).toMatchObject({
			httpCode: '429',
			message: "Apollo's per-minute rate limit for api/v1/tasks/bulk_create is used up",
		});
		expect(String(result.error(NODE)!.description)).toMatch(
			/The request was not carried out\. It resets at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z/,
		);
		expect(String(result.error(NODE)!.description)).toMatch(
			/Apollo said: "The maximum number of api calls allowed for api\/v1\/tasks\/bulk_create is \d+ times per minute/,
		);
		expect(env.sandbox.tasks).toHaveLength(300);
	});

	it('hourly window used up, by the headers: stops without asking again, naming the hourly limit', async () => {
		// Half an hour before the reset, far beyond Max Wait, whatever the real time is.
		const frozen = Date.UTC(2026, 10, 28, 12, 30, 0);
		clock.set(frozen);
		env.sandbox.setRateLimits({ hourly: 1 });
		const result = await run(withParameters(search, NODE, { returnAll: true }));

		expect(result.error(NODE)!.message).toBe(
			"Apollo's hourly rate limit for api/v1/tasks/search is used up",
		);
		expect(String(result.error(NODE)!.description)).toMatch(/after the reset/);
		expect(apiCalls().map((r) => r.status)).toEqual([200]);
	});

	it('5xx on a read: tried again, and the search completes', async () => {
		env.sandbox.addFault({ path: '/tasks/search', action: 'status', status: 503, times: 2 });
		const result = await run(search);

		expect(result.output(NODE)).toHaveLength(50);
		expect(apiCalls().map((r) => r.status)).toEqual([503, 503, 200]);
	});

	it('5xx on a read that does not recover: Apollo is unavailable, after 4 tries', async () => {
		env.sandbox.addFault({ path: '/tasks/search', action: 'html', status: 502, times: Infinity });
		const result = await run(search);

		expect(result.error(NODE)).toMatchObject({
			httpCode: '502',
			message: 'Apollo is unavailable (HTTP 502)',
		});
		expect(String(result.error(NODE)!.description)).toMatch(/Tried 4 time\(s\)\. .*Bad Gateway/);
		expect(apiCalls()).toHaveLength(4);
	});

	it('5xx on a create: not sent again, and the error says the tasks may exist', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'status', status: 500 });
		const result = await run(create);

		expect(result.error(NODE)).toMatchObject({ httpCode: '500' });
		expect(String(result.error(NODE)!.description)).toMatch(/may or may not have been created/);
		expect(creates()).toHaveLength(1);
	});

	it('a create whose answer is lost after Apollo made the tasks: found in search and output as created, one request', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'drop-after' });
		const result = await run(create);

		expect(result.error(NODE)).toBeUndefined();
		const made = env.sandbox.tasks.slice(300);
		expect(result.output(NODE).map((i) => [i.json.id, i.json.contact_id, i.json.existing])).toEqual(
			made.map((t) => [t.id, t.contact_id, false]),
		);
		expect(creates()).toHaveLength(1);
		expect(env.sandbox.tasks).toHaveLength(302);
	});

	it('a lost answer with Confirm Within 0: the error says the tasks may or may not have been created', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'drop-after' });
		const result = await run(withParameters(create, NODE, { options: { confirmWithin: 0 } }));

		expect(result.error(NODE)!.message).toMatch(/Could not get an answer from Apollo/);
		expect(String(result.error(NODE)!.description)).toMatch(/may or may not have been created/);
		expect(creates()).toHaveLength(1);
		expect(env.sandbox.tasks).toHaveLength(302);
	});

	it('a dropped connection on a read is tried again', async () => {
		env.sandbox.addFault({ path: '/tasks/search', action: 'drop' });
		const result = await run(search);

		expect(result.output(NODE)).toHaveLength(50);
		expect(apiCalls()).toHaveLength(2);
	});

	it('malformed JSON on a read is tried again', async () => {
		env.sandbox.addFault({ path: '/tasks/search', action: 'malformed' });
		const result = await run(search);

		expect(result.output(NODE)).toHaveLength(50);
		expect(apiCalls()).toHaveLength(2);
	});

	it('an answer slower than the timeout: a read is asked again', async () => {
		// n8n's request timeout runs on real time, so the slow answer does too.
		env.sandbox.setTimer(undefined);
		env.sandbox.addFault({ path: '/tasks/search', action: 'slow', delayMs: 1500 });
		const result = await run(withParameters(search, NODE, { options: { timeout: 1 } }));

		expect(result.output(NODE)).toHaveLength(50);
		expect(apiCalls()).toHaveLength(2);
	});

	it('an answer slower than the timeout: a create is not, and the error says the tasks may exist', async () => {
		// n8n's request timeout runs on real time, so the slow answer does too.
		env.sandbox.setTimer(undefined);
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'slow', delayMs: 1500 });
		const result = await run(withParameters(create, NODE, { options: { timeout: 1 } }));

		expect(String(result.error(NODE)!.description)).toMatch(/may or may not have been created/);
		expect(creates()).toHaveLength(1);
	});

	it('a refused connection: the create never reached Apollo and says so', async () => {
		const port = await closedPort();
		const result = await run(createOnly(create), MASTER_KEY, `http://127.0.0.1:${port}`);

		expect(result.error(NODE)!.message).toBe(
			`Could not get an answer from Apollo at 127.0.0.1:${port}: the connection was refused`,
		);
		expect(String(result.error(NODE)!.description)).toMatch(
			/never reached Apollo, so nothing was created/,
		);
	});

	it.each([
		['a read', search, /^Tried 1 time\(s\)\. A proxy or firewall that inspects HTTPS/],
		['a create', createOnly(create), /^The request never reached Apollo, so nothing was created/],
	])(
		'a failed TLS handshake on %s: said as what it is, tried once, never "may or may not"',
		async (_, workflow, description) => {
			// A server that answers TLS with plain text: the handshake fails before any request is sent.
			const tls = await plainTextServer();
			try {
				const result = await run(workflow, MASTER_KEY, `https://127.0.0.1:${tls.port}`);

				expect(result.error(NODE)!.message).toMatch(
					/^Could not get an answer from Apollo at 127\.0\.0\.1:\d+: the secure connection could not be made \(/,
				);
				expect(String(result.error(NODE)!.description)).toMatch(description);
				expect(String(result.error(NODE)!.description)).not.toMatch(
					/answer was lost|may or may not/,
				);
				expect(tls.connections()).toBe(1);
			} finally {
				await tls.close();
			}
		},
	);

	it('refuses a plain-http base URL that is not this machine, before sending anything', async () => {
		const result = await run(search, MASTER_KEY, 'http://api.apollo.io');

		expect(result.error(NODE)).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(/must use https/),
		});
		expect(apiCalls()).toHaveLength(0);
	});

	it('refuses a base URL that is not a URL', async () => {
		const result = await run(search, MASTER_KEY, 'api apollo io');

		expect(result.error(NODE)!.message).toMatch(/is not a URL/);
		expect(apiCalls()).toHaveLength(0);
	});
});

/** A TCP server that answers anything with plain HTTP text, counting connections. */
function plainTextServer(): Promise<{
	port: number;
	connections: () => number;
	close: () => Promise<void>;
}> {
	const sockets: Socket[] = [];
	const server = createServer((socket) => {
		sockets.push(socket);
		socket.on('error', () => {});
		socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			resolve({
				port,
				connections: () => sockets.length,
				close: () =>
					new Promise((done) => {
						sockets.forEach((socket) => socket.destroy());
						server.close(() => done());
					}),
			});
		});
	});
}

function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
