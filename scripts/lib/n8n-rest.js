'use strict';

/** The few calls of n8n's REST API that set up an instance: owner, credential, workflow. */

/**
 * @typedef {{ cookie: string }} Session
 * @typedef {{ id: string, name: string, type?: string }} Saved
 */

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'ApolloTasks1',
};

/**
 * @param {string} baseUrl
 * @param {Session | undefined} session
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<{ json: any, headers: Headers }>}
 */
async function rest(baseUrl, session, method, path, body) {
	const response = await fetch(`${baseUrl}/rest${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			...(session?.cookie ? { cookie: session.cookie } : {}),
			'browser-id': 'apollo-tasks-dev',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	if (!response.ok)
		throw new Error(
			`n8n ${method} /rest${path} answered ${response.status}: ${text.slice(0, 300)}`,
		);
	return { json: json?.data ?? json, headers: response.headers };
}

/** @param {Headers} headers */
function cookieOf(headers) {
	const cookies = headers.getSetCookie
		? headers.getSetCookie()
		: [headers.get('set-cookie') ?? ''].filter(Boolean);
	return cookies.map((c) => c.split(';')[0]).join('; ');
}

/**
 * Creates the owner on a new instance, or logs in on one that has it; says why when neither works.
 * @param {string} baseUrl
 * @returns {Promise<Session>}
 */
async function setUpOwner(baseUrl) {
	let setupError;
	try {
		const { headers } = await rest(baseUrl, undefined, 'POST', '/owner/setup', OWNER);
		return { cookie: cookieOf(headers) };
	} catch (error) {
		setupError = error;
	}
	try {
		const { headers } = await rest(baseUrl, undefined, 'POST', '/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
		return { cookie: cookieOf(headers) };
	} catch (loginError) {
		throw new Error(
			`Could not set up the n8n owner at ${baseUrl} (${setupError.message}), nor log in as ${OWNER.email} (${loginError.message}). ` +
				'If this n8n has an owner with another password, start it with a fresh user folder (npm run dev -- --fresh).',
			{ cause: setupError },
		);
	}
}

/**
 * @param {string} baseUrl
 * @param {Session} session
 * @param {string} name
 * @param {Record<string, unknown>} data
 * @returns {Promise<{ id: string, name: string }>}
 */
async function createCredential(baseUrl, session, name, data) {
	const { json: existing } = await rest(baseUrl, session, 'GET', '/credentials');
	const found = /** @type {Saved[]} */ (existing ?? []).find(
		(c) => c.name === name && c.type === 'apolloTasksApi',
	);
	if (found) {
		await rest(baseUrl, session, 'PATCH', `/credentials/${found.id}`, {
			name,
			type: 'apolloTasksApi',
			data,
		});
		return { id: found.id, name };
	}
	const { json } = await rest(baseUrl, session, 'POST', '/credentials', {
		name,
		type: 'apolloTasksApi',
		data,
	});
	return { id: json.id, name };
}

/**
 * @param {string} baseUrl
 * @param {Session} session
 * @param {{ name: string }} workflow
 * @returns {Promise<Saved>}
 */
async function createWorkflow(baseUrl, session, workflow) {
	const { json: existing } = await rest(baseUrl, session, 'GET', '/workflows');
	const found = /** @type {Saved[]} */ (existing ?? []).find((w) => w.name === workflow.name);
	if (found) return found;
	const { json } = await rest(baseUrl, session, 'POST', '/workflows', workflow);
	return json;
}

module.exports = { OWNER, rest, setUpOwner, createCredential, createWorkflow, cookieOf };
