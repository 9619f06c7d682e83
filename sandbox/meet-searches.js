'use strict';

/**
 * The `meetSearches` behaviour: the next `count` task searches are held until all of them have arrived
 * (or `timeoutMs` has passed on the sandbox timer since the first one), then all go on together, each answered
 * from the data as it is at that moment. Two executions' duplicate checks can so be made to overlap:
 * both search before either creates. A meeting happens once; then the behaviour is off again.
 */

/**
 * @typedef {import('./options').MeetSearches} MeetSearches
 * @typedef {{ count: number, timeoutMs: number, arrived: number, waiting: boolean, timedOut: boolean }} MeetingState
 */

class SearchMeeting {
	/**
	 * @param {() => void} onOver called when a meeting is over, to switch the behaviour off
	 * @param {(ms: number) => Promise<void>} sleep the sandbox timer's, for `timeoutMs`
	 */
	constructor(onOver, sleep) {
		this.onOver = onOver;
		this.sleep = sleep;
		/** @type {MeetingState | null} the meeting now waiting, or the last one */
		this.state = null;
		/** @type {(() => void)[]} */
		this.held = [];
		/** Whether the timeout of the meeting now waiting has begun. */
		this.timing = false;
	}

	/**
	 * Waits for the next `count` searches; null calls the meeting off. Searches held by a meeting that is
	 * replaced or called off go on at once.
	 * @param {MeetSearches | null} meet
	 */
	arm(meet) {
		this.releaseHeld();
		this.state = meet ? { ...meet, arrived: 0, waiting: true, timedOut: false } : null;
	}

	/**
	 * A task search arrives: resolves when it may go on (at once if no meeting is waiting).
	 * @returns {Promise<void>}
	 */
	arrive() {
		const state = this.state;
		if (!state?.waiting) return Promise.resolve();
		state.arrived++;
		const held = new Promise((resolve) => this.held.push(() => resolve(undefined)));
		if (state.arrived >= state.count) this.over(false);
		else if (!this.timing) {
			this.timing = true;
			void this.sleep(state.timeoutMs).then(() => {
				if (this.state === state && state.waiting) this.over(true);
			});
		}
		return held;
	}

	/** @param {boolean} timedOut */
	over(timedOut) {
		if (!this.state) return;
		this.state.waiting = false;
		this.state.timedOut = timedOut;
		this.releaseHeld();
		this.onOver();
	}

	/** Lets every held search go on; the meeting's state stays for `GET /__sandbox/state`. */
	releaseHeld() {
		this.timing = false;
		const held = this.held;
		this.held = [];
		for (const release of held) release();
	}
}

module.exports = { SearchMeeting };
