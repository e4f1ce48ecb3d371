// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/']},
	eslint.configs.recommended,
	...tseslint.configs.strictTypeChecked,
	{
		languageOptions: {
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
			},
		},
		rules: {
			'@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}],
			// Destructuring a field away (`const {user, ...rest} = options`) is how a copy drops it.
			'@typescript-eslint/no-unused-vars': ['error', {ignoreRestSiblings: true}],
		},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		...tseslint.configs.disableTypeChecked,
	},
	{
		// The examples are plain Node scripts.
		files: ['examples/**/*.mjs'],
		languageOptions: {globals: {console: 'readonly', process: 'readonly', URL: 'readonly'}},
	},
);
