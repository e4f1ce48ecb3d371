/** A promise and what resolves it: for holding a step of the code under test, or waiting for one, until the test says. */
export function latch(): {readonly promise: Promise<void>; readonly open: () => void} {
	let open = (): void => undefined;
	const promise = new Promise<void>(resolve => {
		open = resolve;
	});
	return {promise, open};
}
