'use strict';

/**
 * The sandbox's HTTP side: reads a request, logs it, waits `latencyMs`, holds a task search while `meetSearches` waits,
 * lets a fault answer instead, checks the key and the rate limits, carries the request out through its
 * route, and writes the answer with Apollo's headers.
 */

const { answerInstead, carryOut } = require('./faults');
const { control } = require('./control');
const { checkKey } = require('./keys');
const { routeOf } = require('./contract');

/**
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('./server').ApolloSandbox} ApolloSandbox
 * @typedef {import('./faults').Fault} Fault
 * @typedef {import('./faults').Reply} Reply
 * @typedef {{ method: string, path: string, query: Record<string, string>, body: any, status: number, at: number, apiKeyHeader: boolean, url: string, headers: Record<string, any> }} RequestEntry
 */

/**
 * Answers one request: a control route, or an Apollo endpoint as the sandbox stands.
 * @param {ApolloSandbox} sandbox
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 */
async function handle(sandbox, req, res) {
	const url = new URL(req.url ?? '/', 'http://sandbox');
	const raw = await readBody(req);
	const method = req.method ?? 'GET';
	if (url.pathname.startsWith('/__sandbox/')) {
		const { status, payload } = control(sandbox, method, url.pathname, raw);
		return send(res, status, payload);
	}
	const query = Object.fromEntries(url.searchParams.entries());
	/** @type {any} */
	let body;
	try {
		body = raw ? JSON.parse(raw) : {};
	} catch {
		body = undefined;
	}
	const apiKey = req.headers['x-api-key'];
	/** @type {RequestEntry} */
	const entry = {
		method,
		path: url.pathname,
		query,
		body,
		status: 0,
		at: sandbox.clock(),
		apiKeyHeader: typeof apiKey === 'string',
		url: req.url ?? '',
		headers: { ...req.headers },
	};
	sandbox.requests.push(entry);
	const { latencyMs } = sandbox.behaviour;
	if (latencyMs > 0) await sandbox.timer.sleep(latencyMs);
	if (method === 'POST' && url.pathname.replace(/\/+$/, '') === '/api/v1/tasks/search')
		await sandbox.meeting.arrive();

	const fault = sandbox.faultBook.take(method, url.pathname);
	const endpoint = routeOf(method, url.pathname)?.[1];
	const reply =
		(await answerInstead(fault, endpoint, sandbox.rates, sandbox.timer.sleep)) ??
		answer(sandbox, fault, apiKey, entry);
	entry.status = reply.status;
	if (reply.drop) return req.socket.destroy();
	const headers = reply.bare || !endpoint ? {} : sandbox.rates.headers(endpoint);
	if (reply.raw === undefined) return send(res, reply.status, reply.payload, headers);
	res.writeHead(reply.status, {
		'content-type': reply.contentType ?? 'text/plain',
		'content-length': Buffer.byteLength(reply.raw),
		...headers,
	});
	res.end(reply.raw);
}

/**
 * Apollo's answer: the route found in the reference, the key checked, the request counted against that
 * endpoint's rate limits, then carried out.
 * @param {ApolloSandbox} sandbox
 * @param {Fault | undefined} fault
 * @param {unknown} apiKey
 * @param {RequestEntry} request
 * @returns {Reply}
 */
function answer(sandbox, fault, apiKey, { method, path, query, body }) {
	const found = routeOf(method, path);
	if (!found) return { status: 404, payload: { error: `No route for ${method} ${path}` } };
	const [name, route] = found;
	const key = checkKey(apiKey, name, route);
	if ('refused' in key) return key.refused;
	const limited = sandbox.rates.consume(route);
	if (limited) return { status: 429, payload: sandbox.rates.message(route, limited) };
	if (body === undefined)
		return { status: 400, payload: { error: 'Request body is not valid JSON' } };
	const resolved = sandbox.routes.resolve(name, path, query, body, key.holder);
	return carryOut(fault, resolved, sandbox.store);
}

/**
 * @param {IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} payload
 * @param {Record<string, string>} [headers]
 */
function send(res, status, payload, headers = {}) {
	const text = JSON.stringify(payload);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

module.exports = { handle, send };
