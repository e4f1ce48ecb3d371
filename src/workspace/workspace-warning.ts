/** Something a store recovered from on its own, or a client (budget, audit, model source) that failed, reported so that it is never silent. */
export type WorkspaceWarning = {
	readonly code: 'torn_tail_truncated' | 'writer_lock_lost' | 'write_failed' | 'segment_lost_under_writer' | 'quarantined' | 'refresh_failed' | 'compaction_failed' | 'journals_over_limit' | 'client_failed';
	readonly message: string;
	readonly file?: string;
};
