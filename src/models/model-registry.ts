import {describeZodIssues} from '../errors/zod-issues.js';
import {TierwiseError} from '../errors/tierwise-error.js';
import {modelConfigSchema, type ModelConfig} from './model-config.js';
import {resolveModel, type RegisteredModel} from './registered-model.js';
import {withoutUndefined} from '../util/without-undefined.js';

/** The models a router may choose from, by name. A Map, so any string (`__proto__` too) is a plain name. */
export class ModelRegistry {
	readonly #models = new Map<string, RegisteredModel>();
	#list: readonly RegisteredModel[] | undefined;

	get size(): number {
		return this.#models.size;
	}

	/** Validates and adds a model. Throws `invalid_model` for a bad config, `duplicate_model` for a taken name. */
	register(config: unknown): RegisteredModel {
		const parsed = parseModelConfig(config);
		if (this.#models.has(parsed.name)) {
			throw new TierwiseError('duplicate_model', `A model named \`${parsed.name}\` is already registered. Use updatePricing() to change its prices, or unregisterModel() first to replace it.`, {details: {model: parsed.name}});
		}

		const model = resolveModel(parsed);
		this.#models.set(model.name, model);
		this.#list = undefined;
		return model;
	}

	/** Validates and adds a model, or replaces the one of that name where it stands. */
	upsert(config: unknown): RegisteredModel {
		const model = resolveModel(parseModelConfig(config));
		this.#models.set(model.name, model);
		this.#list = undefined;
		return model;
	}

	/** Replaces every model with these, in this order. */
	replaceAll(configs: readonly unknown[]): void {
		this.#models.clear();
		this.#list = undefined;
		for (const config of configs) {
			this.upsert(config);
		}
	}

	/** Removes a model; returns whether it was there. */
	unregister(name: string): boolean {
		this.#list = undefined;
		return this.#models.delete(name);
	}

	get(name: string): RegisteredModel | undefined {
		return this.#models.get(name);
	}

	/** Every model, in registration order. The same array until the registry changes; do not modify it. */
	list(): readonly RegisteredModel[] {
		this.#list ??= [...this.#models.values()];
		return this.#list;
	}
}

/** Validates a model config with zod; throws `invalid_model` naming every problem. */
export function parseModelConfig(config: unknown): ModelConfig {
	const result = modelConfigSchema.safeParse(config, {reportInput: true});
	if (!result.success) {
		const name = typeof config === 'object' && config !== null && 'name' in config ? ` \`${String((config).name)}\`` : '';
		throw new TierwiseError('invalid_model', `Model${name} is invalid: ${describeZodIssues(result.error, 'model')}.`, {cause: result.error});
	}

	return withoutUndefined(result.data) as ModelConfig;
}
