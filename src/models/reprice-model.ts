import {TierwiseError} from '../errors/tierwise-error.js';
import {describeZodIssues} from '../errors/zod-issues.js';
import {pricingUpdateSchema, type ModelConfig} from './model-config.js';
import {withoutUndefined} from '../util/without-undefined.js';

/** The config with new prices; throws `invalid_input` naming each bad price. */
export function repriceModel(config: Readonly<ModelConfig>, prices: unknown): ModelConfig {
	const result = pricingUpdateSchema.safeParse(prices, {reportInput: true});
	if (!result.success) {
		throw new TierwiseError('invalid_input', `${describeZodIssues(result.error, 'prices')}. Prices are USD per 1K tokens.`, {cause: result.error});
	}

	return {...config, ...withoutUndefined(result.data)};
}
