import path from 'node:path';

/** Where each part of a workspace lives; see docs/workspace-format.md. */
export class WorkspaceLayout {
	readonly directory: string;
	readonly workspaceFile: string;
	readonly modelsFile: string;
	readonly experimentsFile: string;
	readonly journalDirectory: string;
	readonly snapshotDirectory: string;
	readonly currentSnapshotFile: string;
	readonly archiveDirectory: string;
	readonly quarantineDirectory: string;

	constructor(directory: string) {
		this.directory = path.resolve(directory);
		this.workspaceFile = path.join(this.directory, 'workspace.json');
		this.modelsFile = path.join(this.directory, 'models.json');
		this.experimentsFile = path.join(this.directory, 'experiments.json');
		this.journalDirectory = path.join(this.directory, 'journal');
		this.snapshotDirectory = path.join(this.directory, 'snapshots');
		this.currentSnapshotFile = path.join(this.snapshotDirectory, 'CURRENT');
		this.archiveDirectory = path.join(this.directory, 'archive');
		this.quarantineDirectory = path.join(this.directory, 'quarantine');
	}

	segmentFile(writer: string, segment: number): string {
		return path.join(this.journalDirectory, segmentName(writer, segment));
	}

	generationDirectory(generation: number): string {
		return path.join(this.snapshotDirectory, String(generation).padStart(8, '0'));
	}

	/**
	 * What generation `generation` folded in beyond its base that only the journals it consumed held (see
	 * folded-log.ts). Beside the generation's directory, not in it: a damaged generation's directory moves to
	 * quarantine, and every process that opens the workspace after that still needs its folded log.
	 */
	foldedFile(generation: number): string {
		return path.join(this.snapshotDirectory, `${String(generation).padStart(8, '0')}.folded.jsonl`);
	}

	archiveFile(name: string): string {
		return path.join(this.archiveDirectory, name);
	}

	/** A path relative to the workspace, for messages. */
	relative(file: string): string {
		return path.relative(this.directory, file);
	}
}

/** `<writer>.<segment>.jsonl`: the writer's 16 hex digits and the segment number. */
export function segmentName(writer: string, segment: number): string {
	return `${writer}.${String(segment).padStart(6, '0')}.jsonl`;
}

/** The writer and segment of a journal file name, or undefined for any other file. */
export function parseSegmentName(name: string): {writer: string; segment: number} | undefined {
	const match = /^([\da-f]{16})\.(\d{6})\.jsonl$/u.exec(name);
	return match === null ? undefined : {writer: match[1] ?? '', segment: Number(match[2])};
}
