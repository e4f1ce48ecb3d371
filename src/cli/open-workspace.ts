import {AdaptiveRouter} from '../router.js';
import type {CliIo} from './cli-io.js';

/** A router on a workspace for a CLI command; warnings go to standard error, one line each. */
export async function openWorkspace(directory: string, io: CliIo, readOnly: boolean): Promise<AdaptiveRouter> {
	return AdaptiveRouter.open({
		workspace: directory,
		readOnly,
		refreshIntervalMs: 0,
		onWarning: warning => {
			io.stderr(`tierwise: warning: ${warning.message}\n`);
		},
	});
}
