import {z} from 'zod';
import {TierwiseError} from '../errors/tierwise-error.js';
import {describeZodIssues} from '../errors/zod-issues.js';
import {TIERS} from '../tiers.js';
import {DECISION_SCHEMA_VERSION, type DecisionRecord} from './routing-decision.js';

const tier = z.enum(TIERS);
const byTier = z.strictObject({trivial: z.number(), simple: z.number(), moderate: z.number(), complex: z.number(), expert: z.number()});
const count = z.number().int().nonnegative();
const text = z.array(z.string());

const classificationSchema = z.strictObject({
	tier,
	confidence: z.number().min(0).max(1),
	scores: byTier,
	similarity: byTier,
	signals: z.strictObject({
		characters: count,
		estimatedTokens: count,
		asks: count,
		questions: count,
		actionWords: count,
		listItems: count,
		paragraphs: count,
		codeBlocks: count,
		codeSymbols: count,
		mathSymbols: count,
		constraintWords: count,
		depthWords: count,
		expertWords: count,
		greetingWords: count,
		brevityWords: count,
		enumerationMarks: count,
		longWords: count,
		opensWithQuestionWord: z.boolean(),
		domainWords: z.partialRecord(z.enum(['code', 'maths', 'medical', 'legal', 'finance', 'science']), count),
	}),
	topTerms: z.array(z.strictObject({term: z.string(), weight: z.number()})),
});

/**
 * The schema of a decision read from a file, standard input or a workspace: a {@link DecisionRecord}, with or
 * without the prose of {@link DecisionJson} (which is written again from the record).
 */
const decisionSchema = z.strictObject({
	schemaVersion: z.literal(DECISION_SCHEMA_VERSION),
	hash: z.string().min(1),
	promptHash: z.string().regex(/^[\da-f]{64}$/u),
	routedAt: z.iso.datetime(),
	model: z.string().min(1),
	provider: z.string().min(1),
	tier,
	classifiedTier: tier,
	confidence: z.number().min(0).max(1),
	estimatedCostUsd: z.number().nonnegative(),
	estimatedTokens: z.strictObject({input: z.number().nonnegative(), output: z.number().nonnegative()}),
	fallbackModels: text,
	alternatives: z.array(z.strictObject({model: z.string(), provider: z.string(), estimatedCostUsd: z.number().nonnegative(), predictedQuality: z.number().min(0).max(1).optional()})),
	excluded: z.array(z.strictObject({
		model: z.string(),
		reason: z.enum(['tier_range', 'capability', 'domain', 'context_window', 'max_cost', 'max_latency', 'min_quality', 'budget', 'provider', 'unhealthy', 'rate_limit']),
	})),
	constraints: z.strictObject({
		profile: z.string().optional(),
		minTier: tier.optional(),
		maxCostUsd: z.number().optional(),
		maxLatencyMs: z.number().optional(),
		minQuality: z.number().optional(),
		costWeight: z.number().optional(),
		capabilities: text.optional(),
		prefer: z.string().optional(),
		domain: z.string().optional(),
		estimateTokens: z.tuple([z.number(), z.number()]).optional(),
		context: z.strictObject({
			conversationTokens: z.number().optional(),
			iteration: z.number().optional(),
			urgency: z.enum(['low', 'normal', 'high']).optional(),
		}).optional(),
		fallbackChain: text.optional(),
	}),
	selection: z.strictObject({
		steppedUp: z.boolean(),
		specialistsOnly: z.boolean(),
		preference: z.enum(['applied', 'ignored', 'none']),
	}),
	reasoning: text.optional(),
	evidence: text.optional(),
	classification: classificationSchema,
	catalogue: z.enum(['registered', 'default']),
	user: z.string().nullable(),
	abVariant: z.string().nullable(),
	escalated: z.boolean(),
	escalationReason: z.string().nullable(),
	// Decisions stored before the learning loop lack these four.
	originalConfidence: z.number().min(0).max(1).nullable().default(null),
	explored: z.boolean().default(false),
	prediction: z.strictObject({
		quality: z.number(),
		outcomes: z.number().nonnegative(),
		neighbours: count,
		featureAdjustment: z.number().default(0),
		rule: z.enum(['bar', 'cost_weight', 'fastest', 'cheapest']),
		bar: z.number().nullable(),
		costWeight: z.number().nullable(),
		clearedBar: z.boolean(),
		floor: z.strictObject({
			tolerance: z.number().nonnegative(),
			baseTolerance: z.number().nonnegative(),
			change: z.enum(['raised', 'relaxed', 'none']),
			successRate: z.number().min(0).max(1).nullable(),
			outcomes: z.number().nonnegative(),
		}).nullable().default(null),
	}).nullable().default(null),
	promptTerms: z.array(z.tuple([z.string(), z.number().int().positive()])).default([]),
	experiment: z.strictObject({name: z.string().min(1), arm: z.enum(['A', 'B']), strategy: z.string()}).nullable().default(null),
	sla: z.strictObject({compliant: z.boolean(), breaches: text, adjustments: text, adjustedFor: text.default([])}),
	operations: z.strictObject({
		budget: z.strictObject({
			mode: z.enum(['normal', 'economy', 'limit']),
			window: z.strictObject({period: z.enum(['hour', 'day', 'month']), scope: z.enum(['all', 'user'])}).nullable(),
			limitUsd: z.number().nullable(),
			spentUsd: z.number().nullable(),
			remainingShare: z.number().nullable(),
			deniedBy: z.string().nullable(),
		}),
		health: z.enum(['healthy', 'degraded', 'down', 'half_open']),
		loadBalanced: z.strictObject({strategy: z.string(), pool: text}).nullable(),
		scaledFrom: z.string().nullable(),
		baselineCostUsd: z.number().nonnegative(),
	}).nullable().default(null),
	derivedFrom: z.strictObject({hash: z.string().min(1), reason: z.enum(['failover', 'cascade', 'ensemble'])}).nullable().default(null),
});

/** Validates decision data from outside the process and returns its record; throws `invalid_input` naming each problem. */
export function parseDecision(value: unknown, source = 'decision'): DecisionRecord {
	const result = decisionSchema.safeParse(value, {reportInput: true});
	if (!result.success) {
		throw new TierwiseError('invalid_input', `${describeZodIssues(result.error, source)}. Pass the JSON of a decision as route() or \`tierwise route --json\` produced it.`, {cause: result.error});
	}

	const {reasoning, evidence, ...record} = result.data;
	return record as DecisionRecord;
}
