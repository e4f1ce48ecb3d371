import {createHash} from 'node:crypto';
import type {ExperimentArm} from './experiment-config.js';

/**
 * The arm of an experiment a subject belongs to: a SHA-256 of the experiment's name and the subject key, read
 * as a number in [0, 1), below `split` for arm A. The same in every process and every run, without any record
 * of earlier assignments, and independent between experiments.
 */
export function assignArm(experiment: string, subject: string, split: number): ExperimentArm {
	const digest = createHash('sha256').update(experiment).update('\u0000').update(subject).digest();
	// 48 bits: as many as a double holds exactly.
	const unit = digest.readUIntBE(0, 6) / 2 ** 48;
	return unit < split ? 'A' : 'B';
}
