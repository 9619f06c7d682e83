'use strict';

/**
 * The control API under `/__sandbox/`, for processes that cannot hold the sandbox object (n8n,
 * benchmarks, a sandbox started with `npm run sandbox`): read the state, reset, inject faults, set rate
 * limits, switch behaviours and move the clock.
 */

/**
 * @typedef {import('./server').ApolloSandbox} ApolloSandbox
 * @typedef {{ status: number, payload: unknown }} Answer
 */

/**
 * @param {number} status
 * @param {unknown} payload
 * @returns {Answer}
 */
const answer = (status, payload) => ({ status, payload });

/**
 * @param {ApolloSandbox} sandbox
 * @param {string} method
 * @param {string} pathname
 * @param {string} raw the request body
 * @returns {Answer}
 */
function control(sandbox, method, pathname, raw) {
	const route = `${method} ${pathname}`;
	try {
		const body = raw ? JSON.parse(raw) : {};
		return dispatch(sandbox, route, body) ?? answer(404, { error: `No control route ${route}` });
	} catch (error) {
		return answer(400, {
			error: `${route}: ${error instanceof Error ? error.message : String(error)}`,
		});
	}
}

/**
 * @param {ApolloSandbox} sandbox
 * @param {string} route
 * @param {any} body
 * @returns {Answer | undefined}
 */
function dispatch(sandbox, route, body) {
	switch (route) {
		case 'GET /__sandbox/state':
			return answer(200, {
				users: sandbox.users.length,
				contacts: sandbox.contacts.length,
				tasks: sandbox.tasks.length,
				requests: sandbox.requests.length,
				faults: sandbox.faults,
				rateLimits: sandbox.rateLimits,
				options: sandbox.options,
				meetSearches: sandbox.meeting.state,
				now: new Date(sandbox.clock()).toISOString(),
			});
		case 'GET /__sandbox/requests':
			return answer(
				200,
				sandbox.requests.map(({ headers: _headers, ...rest }) => rest),
			);
		case 'DELETE /__sandbox/requests':
			sandbox.clearRequests();
			return answer(200, { ok: true });
		case 'GET /__sandbox/tasks':
			return answer(200, sandbox.tasks);
		case 'GET /__sandbox/users':
			return answer(200, sandbox.users);
		case 'GET /__sandbox/contacts':
			return answer(200, sandbox.contacts);
		case 'POST /__sandbox/reset':
			sandbox.reset(body);
			return answer(200, { ok: true, tasks: sandbox.tasks.length });
		case 'POST /__sandbox/faults':
			for (const fault of [].concat(body)) sandbox.addFault(fault);
			return answer(200, { ok: true, faults: sandbox.faults.length });
		case 'DELETE /__sandbox/faults':
			sandbox.clearFaults();
			return answer(200, { ok: true });
		case 'POST /__sandbox/rate-limits':
			sandbox.setRateLimits(body);
			return answer(200, { ok: true, rateLimits: sandbox.rateLimits });
		case 'GET /__sandbox/options':
			return answer(200, sandbox.options);
		case 'POST /__sandbox/options':
			sandbox.setOptions(body);
			return answer(200, { ok: true, options: sandbox.options });
		case 'GET /__sandbox/clock':
			return clockAnswer(sandbox);
		case 'POST /__sandbox/clock':
			if (body.now !== undefined) sandbox.setClock(body.now);
			if (body.advance !== undefined) sandbox.advanceClock(Number(body.advance));
			return clockAnswer(sandbox);
		case 'DELETE /__sandbox/clock':
			sandbox.setClock(undefined);
			return clockAnswer(sandbox);
		default:
			return undefined;
	}
}

/** @param {ApolloSandbox} sandbox */
function clockAnswer(sandbox) {
	const now = sandbox.clock();
	return answer(200, { now, iso: new Date(now).toISOString() });
}

module.exports = { control };
