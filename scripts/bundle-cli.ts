/*
Bundles the CLI, with its dependencies, into one file, dist/cli/tierwise.js, which the package's bin runs. Loading
the CLI from the separate modules tsc writes (about 140 of tierwise's and 120 of its dependencies', zod's
alone 95) took 220–310 ms before a command began; the one file loads in 100–140 ms. The library keeps its
modules: only the bin is bundled. Part of `npm run build`.
*/
import {build} from 'esbuild';

await build({
	entryPoints: [new URL('../dist/cli/bin.js', import.meta.url).pathname],
	outfile: new URL('../dist/cli/tierwise.js', import.meta.url).pathname,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	logLevel: 'warning',
	// proper-lockfile and its kin are CommonJS and require Node's modules: give the bundle a require of its own.
	banner: {js: 'import {createRequire as createRequireForBundle} from \'node:module\'; const require = createRequireForBundle(import.meta.url);'},
});
