import type {z} from 'zod';
import {describeValue} from './describe-value.js';

/**
 * One line per zod issue, in p-queue's form: ``Expected `costPer1kInput` to be a finite number from 0 up, got
 * `NaN` (number)``. Schemas give their expectations as custom messages; the received value comes from
 * `reportInput`.
 */
export function describeZodIssues(error: z.ZodError, subject: string): string {
	return error.issues
		.map(issue => {
			const path = issue.path.length === 0 ? subject : `${subject}.${issue.path.map(String).join('.')}`;
			if (issue.code === 'unrecognized_keys') {
				return `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(key => `\`${key}\``).join(', ')} in \`${path}\``;
			}

			const received = 'input' in issue ? `, got ${describeValue(issue.input)}` : '';
			return `Expected \`${path}\` to be ${issue.message}${received}`;
		})
		.join('; ');
}
