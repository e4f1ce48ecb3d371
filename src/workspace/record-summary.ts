import type {ExperimentConfig} from '../experiments/experiment-config.js';
import type {Observation} from '../learning/observation.js';
import type {ModelConfig} from '../models/model-config.js';
import type {OpsEvent} from '../ops/ops-event.js';
import type {Tier} from '../tiers.js';
import {parseIsoTime} from '../util/iso-time.js';
import type {WorkspaceRecord} from './workspace-record.js';

/**
 * What the router's state takes from a record: a decision's hash, time, model and tier, not its few kilobytes
 * of reasons, so that a store can read a journal without parsing every decision in full.
 */
export type RecordSummary =
	| {readonly type: 'model'; readonly model: ModelConfig}
	| {readonly type: 'model_removed'; readonly name: string}
	| {readonly type: 'experiment'; readonly experiment: ExperimentConfig}
	| {readonly type: 'decision'; readonly hash: string; readonly routedAtMs: number; readonly model: string; readonly tier: Tier}
	| {readonly type: 'outcome'; readonly hash: string; readonly reportedAtMs: number}
	| {readonly type: 'observation'; readonly observation: Observation; readonly observedAtMs: number}
	| {readonly type: 'ops'; readonly event: OpsEvent};

export function summarizeRecord(record: WorkspaceRecord): RecordSummary {
	switch (record.type) {
		case 'decision': {
			const {hash, routedAt, model, tier} = record.decision;
			return {type: 'decision', hash, routedAtMs: parseIsoTime(routedAt), model, tier};
		}

		case 'outcome': {
			return {type: 'outcome', hash: record.outcome.hash, reportedAtMs: parseIsoTime(record.outcome.reportedAt)};
		}

		case 'observation': {
			return {type: 'observation', observation: record.observation, observedAtMs: parseIsoTime(record.observation.observedAt)};
		}

		default: {
			return record;
		}
	}
}
