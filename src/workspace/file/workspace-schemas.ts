import {z} from 'zod';
import {TIERS} from '../../tiers.js';
import {experimentConfigSchema} from '../../experiments/experiment-config.js';
import {modelConfigSchema} from '../../models/model-config.js';
import {PROVIDER_EVENT_KINDS} from '../../ops/ops-event.js';
import {PRODUCT_COUNT} from '../../learning/feature-slopes.js';
import {QUALITY_FEATURE_COUNT} from '../../learning/quality-features.js';

/** The format version this tierwise writes; every file carries it. */
export const WORKSPACE_SCHEMA_VERSION = 1;

export const workspaceOptionsSchema = z.strictObject({
	/** How long a decision accepts an outcome and is kept. */
	decisionRetentionMs: z.number().int().positive(),
	/** Journal bytes since the last snapshot that trigger a compaction. */
	compactAfterBytes: z.number().int().positive(),
	/** Size at which a writer seals its segment and starts the next. */
	segmentBytes: z.number().int().positive(),
	/** How long a writer must have been dead before its unsealed segments may be deleted. */
	deadWriterGraceMs: z.number().int().nonnegative(),
});

export type WorkspaceOptions = z.infer<typeof workspaceOptionsSchema>;

export const DEFAULT_WORKSPACE_OPTIONS: WorkspaceOptions = {
	decisionRetentionMs: 30 * 24 * 60 * 60 * 1000,
	compactAfterBytes: 32 * 1024 * 1024,
	segmentBytes: 4 * 1024 * 1024,
	deadWriterGraceMs: 60 * 60 * 1000,
};

export const workspaceFileSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	id: z.string().min(1),
	createdAt: z.iso.datetime(),
	options: workspaceOptionsSchema,
});

export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

export const modelsFileSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	/** Grows with every write, so that other processes know to reload. */
	revision: z.number().int().nonnegative(),
	models: z.array(modelConfigSchema),
});

export type ModelsFile = z.infer<typeof modelsFileSchema>;

export const experimentsFileSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	revision: z.number().int().nonnegative(),
	experiments: z.array(experimentConfigSchema),
});

export type ExperimentsFile = z.infer<typeof experimentsFileSchema>;

export const journalHeaderSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	writer: z.string().regex(/^[\da-f]{16}$/u),
	segment: z.number().int().nonnegative(),
	createdAt: z.iso.datetime(),
});

export type JournalHeader = z.infer<typeof journalHeaderSchema>;

export const archiveHeaderSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	archive: z.number().int().positive(),
	createdAt: z.iso.datetime(),
});

export const snapshotMetaSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	generation: z.number().int().positive(),
	createdAt: z.iso.datetime(),
	/** Per journal segment: the bytes and lines consumed, the last sequence number read, and whether it was sealed. */
	journals: z.array(z.strictObject({
		file: z.string(),
		offset: z.number().int().nonnegative(),
		lines: z.number().int().nonnegative(),
		seq: z.number().int().nonnegative(),
		sealed: z.boolean(),
	})),
	/** Model names the decision table's rows refer to by index. */
	models: z.array(z.string()),
	/** Archive files, which the decision table's rows refer to by index, with the time of their newest record. */
	archives: z.array(z.strictObject({name: z.string(), newestMs: z.number()})),
	decisionRows: z.number().int().nonnegative(),
	/** Lifetime counts, all processes together. */
	counters: z.strictObject({decisions: z.number().int().nonnegative(), outcomes: z.number().int().nonnegative()}),
});

export type SnapshotMeta = z.infer<typeof snapshotMetaSchema>;

/**
 * The header of a generation's `folded.jsonl`: what the generation holds beyond its base (the generation it was
 * folded onto, null for none) that no file but the journals it consumed would keep. With its lines (the
 * observations and ops events folded in) and the archives named here, it lets a damaged generation fall back to
 * its base once those journals are deleted.
 */
export const foldedHeaderSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	folded: z.number().int().positive(),
	base: z.number().int().positive().nullable(),
	createdAt: z.iso.datetime(),
	journals: snapshotMetaSchema.shape.journals,
	/** The archives written since the base, which hold the decisions and outcomes folded in since. */
	archives: snapshotMetaSchema.shape.archives,
	counters: snapshotMetaSchema.shape.counters,
});

export type FoldedHeader = z.infer<typeof foldedHeaderSchema>;

const decayedStats = z.tuple([z.number(), z.number(), z.number(), z.number().int().nonnegative(), z.number()]);

/**
 * The version of `learning.json`, which moves on its own: 2 since the similar-prompt memory is packed. Version 1
 * (the memory an array per entry) is still read, and written again as 2 by the next compaction; a file of a
 * later version gives `schema_version_unsupported`, as any file of a newer tierwise does.
 */
export const LEARNING_SCHEMA_VERSION = 2;

const learningFields = {
	observations: z.number().int().nonnegative(),
	quality: z.array(z.tuple([z.string(), z.array(decayedStats), z.array(decayedStats)])),
	usage: z.array(z.tuple([z.string(), z.array(decayedStats)])),
	// Each experiment arm's sums (absent in files written before experiments existed).
	experiments: z.array(z.tuple([z.string(), z.array(z.number()), z.array(z.number())])).optional(),
	// Each tier's decayed success of its chosen models, behind its quality floor.
	floors: z.array(decayedStats).optional(),
	// What lessons added to each tier's centroid: tier index, total weight, and the weighted sum by term.
	centroids: z.array(z.tuple([z.number().int().min(0).max(4), z.number().nonnegative(), z.array(z.tuple([z.string(), z.number()]))])).optional(),
	// Each model's sums behind its feature slopes, by tier: weight, score sum, newest time, then the sums of the
	// features, of their products (upper triangle) and of each feature times the score.
	slopes: z.array(z.tuple([z.string(), z.array(z.tuple([z.number().nonnegative(), z.number(), z.number(), z.array(z.number()).length(QUALITY_FEATURE_COUNT), z.array(z.number()).length(PRODUCT_COUNT), z.array(z.number()).length(QUALITY_FEATURE_COUNT)]))])).optional(),
};

/** `learning.json` of a snapshot generation: everything learned from the observations it folded in. */
export const learningFileSchema = z.union([
	z.strictObject({
		schemaVersion: z.literal(LEARNING_SCHEMA_VERSION),
		...learningFields,
		// Packed (see src/learning/packed-memory.ts): models and terms once each, the entries' columns in one
		// base64 block of little-endian numbers, and the block's CRC-32.
		memory: z.strictObject({
			models: z.array(z.string()),
			terms: z.array(z.string()),
			sizes: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.number().int().nonnegative()]),
			packed: z.string(),
			crc: z.string().regex(/^[\da-f]{8}$/u),
		}),
	}),
	z.strictObject({
		schemaVersion: z.literal(1),
		...learningFields,
		// Terms, their counts, model indices, scores, and the terms' weights when the prompt was stored (absent
		// in files written before they were kept: then weighed again on load).
		memory: z.strictObject({
			models: z.array(z.string()),
			entries: z.array(z.tuple([z.array(z.string()), z.array(z.number().int().positive()), z.array(z.number().int().nonnegative()), z.array(z.number()), z.array(z.number()).optional()])),
		}),
	}),
]);

/** `ops.json` of a snapshot generation: the cost ledger's buckets and each model's health. */
export const opsFileSchema = z.strictObject({
	schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
	events: z.number().int().nonnegative(),
	// Start, hours (1 or 24), model, provider, tier, user, and the sums in the order of BUCKET_FIELDS.
	ledger: z.array(z.tuple([z.number(), z.union([z.literal(1), z.literal(24)]), z.string(), z.string(), z.enum(TIERS).nullable(), z.string().nullable(), z.array(z.number())])),
	health: z.array(z.strictObject({
		model: z.string(),
		events: z.array(z.tuple([z.number(), z.number().int().min(-1).max(1), z.number()])),
		consecutiveFailures: z.number().int().nonnegative(),
		openedAtMs: z.number().nullable(),
		cooldownMs: z.number().nonnegative(),
		retryUntilMs: z.number().nullable(),
		lastEvent: z.tuple([z.enum(PROVIDER_EVENT_KINDS), z.number(), z.string().nullable()]).nullable(),
	})),
});
