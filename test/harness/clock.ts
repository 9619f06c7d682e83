import { ApolloTasks } from '../../nodes/ApolloTasks/ApolloTasks.node';
import { SYSTEM_CLOCK, type Clock } from '../../nodes/ApolloTasks/transport/settings';
import { ApolloTasksTrigger } from '../../nodes/ApolloTasksTrigger/ApolloTasksTrigger.node';
import { APOLLO_TASKS, APOLLO_TASKS_TRIGGER, registerNodeType } from './nodeTypes';
import type { ApolloSandbox } from './sandbox';

/** Runs both nodes on this clock, as n8n would create them but for the clock. */
function runNodesOn(clock: Clock): void {
	registerNodeType(APOLLO_TASKS, new ApolloTasks(clock));
	registerNodeType(APOLLO_TASKS_TRIGGER, new ApolloTasksTrigger(clock));
}

export interface VirtualClock {
	/** The time the nodes and the sandbox read now. */
	now(): number;
	/** Puts the clock at this time. */
	set(ms: number): void;
	/** Every wait the nodes asked for, in ms, in order. */
	waits: number[];
	/**
	 * From now on in this test, a wait holds, with the clock standing still, until its signal aborts
	 * (an execution cancelled, a node stopped). Resolves with the first held wait's length, once it began.
	 */
	holdWaits(): Promise<number>;
	/**
	 * From now on in this test, the clock is the machine's: time passes and waits take it (for what only
	 * real time can show, such as n8n's own request timeout).
	 */
	realTime(): void;
}

/**
 * One clock for the nodes and the sandbox of a test file, handed to the nodes as n8n would hand them
 * none: it stands where a test puts it and moves only when a node waits or the sandbox takes time to
 * answer, so a wait for the next rate-limit window, a retry's backoff, a slow answer or a search lag
 * takes no real time. Each test starts it at the real time.
 */
export function useVirtualClock(sandbox: () => ApolloSandbox): VirtualClock {
	let now = Date.now();
	let real = false;
	let machine = false;
	let held: ((ms: number) => void) | undefined;
	const waits: number[] = [];
	const clock: Clock = {
		now: () => (machine ? Date.now() : now),
		sleep: async (ms, signal) => {
			waits.push(ms);
			if (real) return await SYSTEM_CLOCK.sleep(ms, signal);
			if (held) {
				held(ms);
				return await new Promise<void>((resolve) => {
					if (signal?.aborted) resolve();
					signal?.addEventListener('abort', () => resolve(), { once: true });
				});
			}
			if (!signal?.aborted) now += Math.max(0, ms);
		},
	};
	beforeEach(() => {
		now = Date.now();
		real = false;
		machine = false;
		held = undefined;
		waits.length = 0;
		runNodesOn(clock);
		sandbox()
			.setClock(() => now)
			.setTimer({ now: () => now, sleep: async (ms) => void (now += ms) });
	});
	afterEach(() => {
		runNodesOn(SYSTEM_CLOCK);
		sandbox().setTimer(undefined);
	});
	return {
		now: () => clock.now(),
		set: (ms) => {
			now = ms;
		},
		waits,
		holdWaits: () =>
			new Promise<number>((resolve) => {
				let first = true;
				held = (ms) => {
					if (first) resolve(ms);
					first = false;
				};
			}),
		realTime: () => {
			real = true;
			machine = true;
			sandbox().setClock(undefined).setTimer(undefined);
		},
	};
}
