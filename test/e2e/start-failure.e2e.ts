import { existsSync } from 'node:fs';

import { allListeningPorts, listeningPorts } from './ports';
import { Stack } from './stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { alive, descendants } = require('../../scripts/lib/processes');

/**
 * A start that fails, or is stopped while it starts (an afterAll after a beforeAll that timed out), must
 * leave no process and no port behind: otherwise jest waits on them and never exits. Both cases are
 * cheap: n8n is stopped seconds into its start.
 */

/** Every process below this jest process that was not there before, and the ports they listened on. */
function watchProcesses() {
	const before = new Set<number>(descendants(process.pid));
	const pids = new Set<number>();
	const ports = new Set<number>();
	const timer = setInterval(() => {
		for (const pid of descendants(process.pid) as number[]) if (!before.has(pid)) pids.add(pid);
		for (const port of listeningPorts([...pids])) ports.add(port);
	}, 100);
	return {
		pids,
		ports,
		stop: () => clearInterval(timer),
	};
}

/** The ports a stack opened in this process (sandbox, trap proxy) and the ones its n8n was given. */
function portsOf(stack: Stack): number[] {
	return [
		stack.sandbox.url,
		stack.env.HTTP_PROXY,
		stack.url,
		`http://127.0.0.1:${stack.env.N8N_RUNNERS_BROKER_PORT}`,
	].map((url) => Number(new URL(url).port));
}

function expectNothingLeft(stack: Stack, watched: ReturnType<typeof watchProcesses>): void {
	expect(watched.pids.size).toBeGreaterThan(0); // n8n did start
	expect([...watched.pids].filter(alive)).toEqual([]);
	const listening = allListeningPorts();
	expect([...portsOf(stack), ...watched.ports].filter((port) => listening.has(port))).toEqual([]);
	expect(existsSync(stack.userFolder)).toBe(false);
}

describe('A start of n8n that does not finish', () => {
	it('that times out stops n8n, the sandbox and the proxy, and says which step was slow', async () => {
		const watched = watchProcesses();
		const stack = new Stack({ readyTimeoutMs: 1_000 });
		const error: Error = await stack.start().then(
			() => new Error('started'),
			(e) => e,
		);
		watched.stop();

		expect(error.message).toMatch(
			new RegExp(
				`^n8n ${stack.version.replace(/\./g, '\\.')} did not answer /healthz/readiness within 1 s; last log lines:\\n`,
			),
		);
		expectNothingLeft(stack, watched);
	});

	it('that is stopped meanwhile (an afterAll after a timed-out beforeAll) ends, and leaves nothing', async () => {
		const watched = watchProcesses();
		const stack = new Stack();
		const starting: Promise<Error> = stack.start().then(
			() => new Error('started'),
			(e) => e,
		);
		for (let i = 0; stack.processes.length === 0 && i < 600; i++)
			await new Promise((done) => setTimeout(done, 100));
		expect(stack.processes).toHaveLength(1);
		await new Promise((done) => setTimeout(done, 1_000)); // n8n is booting
		await stack.stop();
		const error = await starting;
		watched.stop();

		expect(error.message).toMatch(
			new RegExp(
				`^n8n ${stack.version.replace(/\./g, '\\.')} exited \\(\\w+\\) before it answered`,
			),
		);
		expectNothingLeft(stack, watched);
	});
});
