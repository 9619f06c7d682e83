'use strict';

/** `npm run dev`'s options, and the one shutdown for every way it is asked to end. */

const path = require('node:path');

const { N8N_VERSION, N8N_VERSIONS, cacheRoot, major } = require('./n8n-paths');

const USAGE =
	'Usage: npm run dev -- [--apollo-key KEY] [--n8n 2|1|VERSION] [--port 5678] [--sandbox-port 4010] [--user-folder DIR] [--fresh]';

/**
 * The pinned n8n that `--n8n` names: a major (1 or 2) or a pinned version.
 * @param {string} wanted
 */
function pinnedVersion(wanted) {
	const found = N8N_VERSIONS.find((v) => v === wanted || String(major(v)) === wanted);
	if (!found) {
		console.error(`--n8n ${wanted}: the pinned versions are ${N8N_VERSIONS.join(', ')}`);
		process.exit(2);
	}
	return found;
}

/** @param {string[]} argv */
function options(argv) {
	const result = {
		port: Number(process.env.N8N_PORT || 5678),
		sandboxPort: Number(process.env.APOLLO_SANDBOX_PORT || 4010),
		apolloKey: process.env.APOLLO_API_KEY || '',
		version: N8N_VERSION,
		userFolder: '',
		fresh: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--apollo-key') result.apolloKey = value();
		else if (flag === '--n8n') result.version = pinnedVersion(value());
		else if (flag === '--port') result.port = Number(value());
		else if (flag === '--sandbox-port') result.sandboxPort = Number(value());
		else if (flag === '--user-folder') result.userFolder = path.resolve(value());
		else if (flag === '--fresh') result.fresh = true;
		else if (flag === '--help') {
			console.log(USAGE);
			process.exit(0);
		} else {
			console.error(`Unknown option ${flag}; see --help`);
			process.exit(2);
		}
	}
	// Each n8n line keeps its own data: a database that 2.x migrated does not open in 1.x.
	result.userFolder ||= path.join(
		cacheRoot(),
		result.version === N8N_VERSION ? 'dev-user-folder' : `dev-user-folder-${result.version}`,
	);
	return result;
}

/**
 * One shutdown for every way this process is asked to end: Ctrl-C, SIGTERM or SIGINT from npm (which
 * passes them on), SIGHUP when the terminal closes, or npm itself going away (this process is then
 * re-parented). What was started stops in reverse order, once.
 */
function lifecycle() {
	/** @type {Array<() => Promise<unknown>>} */
	const stops = [];
	/** @type {Promise<void> | undefined} */
	let ending;
	const end = (/** @type {number} */ code, /** @type {string | undefined} */ why = undefined) => {
		if (!ending) {
			if (why) console.log(`\n${why}: stopping everything npm run dev started...`);
			ending = (async () => {
				for (const stop of stops.reverse())
					await stop().catch((/** @type {Error} */ error) => console.error(error.message));
				process.exit(code);
			})();
		}
		return ending;
	};
	for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(name, () => end(0, name));
	const parent = process.ppid;
	setInterval(() => process.ppid !== parent && end(0, 'npm exited'), 1000).unref();
	return {
		onStop: (/** @type {() => Promise<unknown>} */ stop) => stops.push(stop),
		end,
		get ending() {
			return Boolean(ending);
		},
	};
}

/** @typedef {ReturnType<typeof lifecycle>} Life */

module.exports = { options, lifecycle };
