'use strict';

/** The few calls of n8n's REST API that set up an instance: owner, credential, workflow. */

const OWNER = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'ApolloTasks1' };

async function rest(baseUrl, session, method, path, body) {
	const response = await fetch(`${baseUrl}/rest${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(session?.cookie ? { cookie: session.cookie } : {}), 'browser-id': 'apollo-tasks-dev' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	if (!response.ok) throw new Error(`n8n ${method} /rest${path} answered ${response.status}: ${text.slice(0, 300)}`);
	return { json: json?.data ?? json, headers: response.headers };
}

function cookieOf(headers) {
	const cookies = headers.getSetCookie ? headers.getSetCookie() : [headers.get('set-cookie')].filter(Boolean);
	return cookies.map((c) => c.split(';')[0]).join('; ');
}

/** Creates the owner on a new instance, or logs in on one that has it; says why when neither works. */
async function setUpOwner(baseUrl) {
	let setupError;
	try {
		const { headers } = await rest(baseUrl, undefined, 'POST', '/owner/setup', OWNER);
		return { cookie: cookieOf(headers) };
	} catch (error) {
		setupError = error;
	}
	try {
		const { headers } = await rest(baseUrl, undefined, 'POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		return { cookie: cookieOf(headers) };
	} catch (loginError) {
		throw new Error(
			`Could not set up the n8n owner at ${baseUrl} (${setupError.message}), nor log in as ${OWNER.email} (${loginError.message}). ` +
				'If this n8n has an owner with another password, start it with a fresh user folder (npm run dev -- --fresh).',
			{ cause: setupError },
		);
	}
}

async function createCredential(baseUrl, session, name, data) {
	const { json: existing } = await rest(baseUrl, session, 'GET', '/credentials');
	const found = (existing ?? []).find((c) => c.name === name && c.type === 'apolloTasksApi');
	if (found) {
		await rest(baseUrl, session, 'PATCH', `/credentials/${found.id}`, { name, type: 'apolloTasksApi', data });
		return { id: found.id, name };
	}
	const { json } = await rest(baseUrl, session, 'POST', '/credentials', { name, type: 'apolloTasksApi', data });
	return { id: json.id, name };
}

async function createWorkflow(baseUrl, session, workflow) {
	const { json: existing } = await rest(baseUrl, session, 'GET', '/workflows');
	const found = (existing ?? []).find((w) => w.name === workflow.name);
	if (found) return found;
	const { json } = await rest(baseUrl, session, 'POST', '/workflows', workflow);
	return json;
}

module.exports = { OWNER, rest, setUpOwner, createCredential, createWorkflow, cookieOf };
