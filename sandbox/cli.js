#!/usr/bin/env node
'use strict';

/**
 * Runs the Apollo sandbox on its own: `npm run sandbox -- --port 4010 --tasks 5000`.
 * Prints the base URL and the keys it accepts; Ctrl-C stops it.
 */

const { ApolloSandbox } = require('./server');
const { KEYS } = require('./keys');

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
	/** @type {{ port: number, host: string, seed: import('./server').SandboxOptions, rateLimits: Partial<import('./rate-limits').Limits> }} */
	const options = {
		port: 4010,
		host: '127.0.0.1',
		seed: { tasks: 300, contacts: 300, users: 3 },
		rateLimits: {},
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port':
				options.port = Number(value());
				break;
			case '--tasks':
			case '--contacts':
			case '--users':
				options.seed[/** @type {'tasks' | 'contacts' | 'users'} */ (flag.slice(2))] =
					Number(value());
				break;
			case '--deleted-users':
				options.seed.deletedUsers = Number(value());
				break;
			case '--search-lag-ms':
				options.seed.searchLagMs = Number(value());
				break;
			case '--latency-ms':
				options.seed.latencyMs = Number(value());
				break;
			case '--per-minute':
				options.rateLimits.minute = Number(value());
				break;
			case '--per-hour':
				options.rateLimits.hourly = Number(value());
				break;
			case '--per-day':
				options.rateLimits.daily = Number(value());
				break;
			case '--old-bulk-create':
				options.seed.bulkCreateAnswer = 'true';
				break;
			case '--strict':
				options.seed.strict = true;
				break;
			case '--mode': {
				const mode = value();
				if (mode !== 'documented' && mode !== 'extended')
					throw new Error('--mode is documented or extended');
				options.seed.mode = mode;
				break;
			}
			case '--keep-omitted-on-update':
				options.seed.updateResetsOmitted = false;
				break;
			case '--help':
				console.log(
					'Usage: npm run sandbox -- [--port 4010] [--tasks 300] [--contacts 300] [--users 3] [--deleted-users 0] [--per-minute N] [--per-hour N] [--per-day N]' +
						' [--search-lag-ms 0] [--latency-ms 0] [--old-bulk-create] [--strict] [--mode documented|extended] [--keep-omitted-on-update]',
				);
				process.exit(0);
				break;
			default:
				console.error(`Unknown option ${flag}; see --help`);
				process.exit(2);
		}
	}
	return options;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const sandbox = new ApolloSandbox({ ...options.seed, rateLimits: options.rateLimits });
	const url = await sandbox.start(options.port, options.host);
	console.log(`Apollo sandbox listening on ${url}`);
	console.log(
		`  ${sandbox.users.length} users, ${sandbox.contacts.length} contacts, ${sandbox.tasks.length} tasks`,
	);
	const keyList = Object.entries(KEYS).map(([key, stands]) => `${key} (${stands})`);
	console.log(`  keys: ${keyList.join(', ')}`);
	console.log(`  control API: ${url}/__sandbox/state`);
	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
