'use strict';

/** `npm run dev`'s demo workflows in n8n, and the steps it prints once they are there. */

const fs = require('node:fs');
const path = require('node:path');

const { rest, OWNER } = require('./n8n-rest');

/**
 * Saves a demo workflow: creates it, or brings it up to date while it is still as this script left it.
 * A demo you changed and saved in n8n is kept (--fresh starts over).
 * @param {string} baseUrl
 * @param {{ cookie: string }} session
 * @param {{ name: string } & Record<string, unknown>} workflow
 * @param {string} userFolder
 * @returns {Promise<{ id: string }>}
 */
async function saveDemo(baseUrl, session, workflow, userFolder) {
	const recordFile = path.join(userFolder, 'apollo-tasks-demos.json');
	const record = fs.existsSync(recordFile) ? JSON.parse(fs.readFileSync(recordFile, 'utf8')) : {};
	const { json: existing } = await rest(baseUrl, session, 'GET', '/workflows');
	const found = (existing ?? []).find(
		(/** @type {{ name: string }} */ w) => w.name === workflow.name,
	);
	let saved;
	if (!found) {
		saved = (await rest(baseUrl, session, 'POST', '/workflows', workflow)).json;
	} else if (record[found.id] === undefined || record[found.id] === found.versionId) {
		saved = (
			await rest(baseUrl, session, 'PATCH', `/workflows/${found.id}`, {
				...workflow,
				versionId: found.versionId,
			})
		).json;
	} else {
		console.log(
			`Kept your changed "${workflow.name}" (npm run dev -- --fresh starts over with the current demo).`,
		);
		return found;
	}
	fs.writeFileSync(recordFile, JSON.stringify({ ...record, [saved.id]: saved.versionId }, null, 2));
	return saved;
}

/**
 * What to open and click.
 * @param {{ n8nUrl: string, demoId: string, triggerDemoId: string, realApollo: boolean, credential: { name: string, data: { apiKey: string, baseUrl: string } } }} facts
 */
function printSteps({ n8nUrl, demoId, triggerDemoId, realApollo, credential }) {
	console.log('');
	console.log(`  1. Open ${n8nUrl}/workflow/${demoId}`);
	console.log(`  2. Sign in as ${OWNER.email} with the password ${OWNER.password}`);
	if (realApollo) {
		console.log(
			'  3. In "Create call tasks" pick Assigned To, and in "Contacts from your CRM" put contact IDs of your Apollo;',
		);
		console.log(
			'     then click "Execute workflow" at the bottom of the canvas: the demo creates, reads, notes, completes',
		);
		console.log('     and skips real tasks. Double-click a node to see its fields and output.');
	} else {
		console.log(
			'  3. Click "Execute workflow" at the bottom of the canvas: the demo creates, reads, notes, completes and',
		);
		console.log(
			'     skips tasks in the Apollo sandbox. Double-click a node to see its fields and output.',
		);
	}
	console.log(`  The trigger has its own demo: ${n8nUrl}/workflow/${triggerDemoId}`);
	console.log(`  Credential "${credential.name}" -> ${credential.data.baseUrl}`);
	console.log('');
}

module.exports = { saveDemo, printSteps };
