/** Where a replay's clock starts: a fixed instant, so that nothing a replay decides depends on the day it runs. */
export const REPLAY_START_MS = Date.UTC(2026, 0, 1);

/** How far a replay's clock moves from one prompt to the next. */
export const REPLAY_STEP_MS = 1000;

/**
 * The time a replay runs on: from {@link REPLAY_START_MS}, one second a prompt. What the router learns decays
 * with time, and on the system clock a replay's outcomes were as far apart as the machine was slow: two replays
 * of dcrouter's 5,608 training prompts with one seed chose differently from the 1,525th prompt on, and for 1,434
 * of them. On this clock they choose alike, however fast they run.
 */
export class ReplayClock {
	#nowMs = REPLAY_START_MS;

	/** The current time in milliseconds since the epoch: the router's `clock`. */
	readonly now = (): number => this.#nowMs;

	/** Moves to the next prompt's time. */
	advance(): void {
		this.#nowMs += REPLAY_STEP_MS;
	}
}
