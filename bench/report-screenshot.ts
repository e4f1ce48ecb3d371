/*
The replay report as a browser shows it: replays the bundled dcrouter data with a sweep, writes the HTML report,
and takes a screenshot of it with headless Chromium (Debian's `chromium` package) for a person to look at.

	npm run bench:report        (writes bench/out/report.html and bench/out/report.png)
*/
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = path.join(root, 'bench', 'out');
mkdirSync(output, {recursive: true});
const report = path.join(output, 'report.html');
const screenshot = path.join(output, 'report.png');
execFileSync(process.execPath, [path.join(root, 'dist/cli/tierwise.js'), 'replay', 'data/dcrouter/test.jsonl', '--models', 'data/dcrouter/models.json', '--train', 'data/dcrouter/train.jsonl', '--sweep', '--report', report], {cwd: root, stdio: 'inherit'});
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(candidate => existsSync(candidate));
if (chromium === undefined) {
	console.log(`No Chromium here: install Debian's chromium package to take the screenshot. The report is ${report}.`);
} else {
	execFileSync(chromium, [
		'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'tierwise-chromium-'))}`,
		'--window-size=1000,1800', `--screenshot=${screenshot}`, `file://${report}`,
	], {stdio: 'ignore'});
	console.log(`Screenshot of ${report}: ${screenshot}`);
}
