import {nonDecreasingHull} from './curve-metrics.js';
import type {ReplaySummary} from './replay-summary.js';

const width = 720;
const height = 420;
const margin = {left: 64, right: 24, top: 24, bottom: 52};

/** Text for HTML: the five characters that could close or open markup, escaped. */
function escapeHtml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll('\'', '&#39;');
}

function percent(share: number | null): string {
	return share === null ? 'never' : `${(share * 100).toFixed(1)}%`;
}

/**
 * A replay as one self-contained HTML page: the cost-quality plot (the router's points and hull, every model
 * alone, the oracle and a random pick) as inline SVG, the table of policies, the model mix and the totals by task
 * of each router setting. Nothing is fetched: no script, no font, no image from elsewhere.
 */
export function renderReplayReport(title: string, summary: ReplaySummary): string {
	const {router} = summary;
	const rows = [
		...summary.models.map(model => ({name: `${model.model}${model.model === summary.best ? ' (best)' : ''}`, quality: model.quality, costUsd: model.costUsd, costShare: model.costShare})),
		{name: 'random', ...summary.random},
		{name: 'oracle', ...summary.oracle},
		...router.points.map(point => ({name: `tierwise (${point.costWeight === null ? 'default rule' : `cost weight ${point.costWeight}`})`, ...point})),
	];
	const measures = [
		['prompts', summary.prompts.toLocaleString('en-US')],
		['AIQ of the router', router.aiq.toFixed(3)],
		['AIQ of the mixed single models', summary.zeroRouterAiq.toFixed(3)],
		['quality at 10% / 25% / 50% of the best model\'s cost', `${router.qualityAt['10'].toFixed(3)} / ${router.qualityAt['25'].toFixed(3)} / ${router.qualityAt['50'].toFixed(3)}`],
		['cost share to match the best model', percent(router.costShareToMatchBest)],
		...(router.twoModel === null
			? []
			: [['CPT(50%) / CPT(80%) / APGR', `${percent(router.twoModel.cpt50)} / ${percent(router.twoModel.cpt80)} / ${router.twoModel.apgr.toFixed(3)}`]]),
	];
	const models = summary.models.map(model => model.model);
	const tasks = [...new Set(router.points.flatMap(point => Object.keys(point.tasks)))].sort();
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 980px; color: #1d232a; padding: 0 16px; }
h1 { font-size: 20px; margin-bottom: 4px; } h2 { font-size: 16px; margin-top: 28px; }
table { border-collapse: collapse; margin-top: 8px; } th, td { padding: 3px 10px; border-bottom: 1px solid #e3e6ea; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } .muted { color: #66707a; }
svg text { font: 12px system-ui, sans-serif; fill: #1d232a; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Each prompt routed once per setting, the chosen model's real outcome reported back. Costs are the data's; the best single model is ${escapeHtml(summary.best)}.</p>
${plot(summary)}
<h2>Policies</h2>
<table>
<tr><th>policy</th><th class="n">quality</th><th class="n">cost a prompt (USD)</th><th class="n">cost vs best</th></tr>
${rows.map(row => `<tr><td>${escapeHtml(row.name)}</td><td class="n">${row.quality.toFixed(3)}</td><td class="n">${row.costUsd.toPrecision(3)}</td><td class="n">${percent(row.costShare)}</td></tr>`).join('\n')}
</table>
<h2>Measures</h2>
<table>
${measures.map(([name, value]) => `<tr><td>${escapeHtml(name ?? '')}</td><td class="n">${escapeHtml(value ?? '')}</td></tr>`).join('\n')}
</table>
<h2>Model mix</h2>
<table>
<tr><th>setting</th>${models.map(model => `<th class="n">${escapeHtml(model)}</th>`).join('')}</tr>
${router.points.map(point => `<tr><td>${point.costWeight === null ? 'default rule' : `cost weight ${point.costWeight}`}</td>${models.map(model => `<td class="n">${percent((point.modelMix[model] ?? 0) / Math.max(1, point.prompts))}</td>`).join('')}</tr>`).join('\n')}
</table>
<h2>By task</h2>
<table>
<tr><th>setting</th>${tasks.map(task => `<th class="n">${escapeHtml(task)}</th>`).join('')}</tr>
${router.points.map(point => `<tr><td>${point.costWeight === null ? 'default rule' : `cost weight ${point.costWeight}`}</td>${tasks.map(task => {
		const totals = point.tasks[task];
		return `<td class="n">${totals === undefined ? '' : `${totals.quality.toFixed(3)} (${totals.prompts})`}</td>`;
	}).join('')}</tr>`).join('\n')}
</table>
<p class="muted">Quality by task, with the number of prompts.</p>
</body>
</html>
`;
}

/** A point's label, beside it, or on its left in the right third of the plot so that it stays inside. */
function label(text: string, cx: number, cy: number): string {
	if (text === '') {
		return '';
	}

	const onLeft = cx > margin.left + ((width - margin.left - margin.right) * 2 / 3);
	return `<text x="${(onLeft ? cx - 8 : cx + 7).toFixed(1)}" y="${(cy - 6).toFixed(1)}" text-anchor="${onLeft ? 'end' : 'start'}">${escapeHtml(text)}</text>`;
}

/** The cost-quality plane: router points and hull, single models, oracle and random, on a linear cost axis. */
function plot(summary: ReplaySummary): string {
	const points = [
		...summary.models.map(model => ({...model, kind: 'model', label: model.model})),
		{...summary.oracle, kind: 'oracle', label: 'oracle'},
		{...summary.random, kind: 'random', label: 'random'},
		...summary.router.points.map(point => ({...point, kind: 'router', label: ''})),
	];
	const maxCost = Math.max(...points.map(point => point.costUsd)) * 1.05 || 1;
	const qualities = points.map(point => point.quality);
	const minQuality = Math.max(0, Math.min(...qualities) - 0.05);
	const maxQuality = Math.min(1, Math.max(...qualities) + 0.05);
	const x = (cost: number) => margin.left + ((width - margin.left - margin.right) * cost / maxCost);
	const y = (quality: number) => height - margin.bottom - ((height - margin.top - margin.bottom) * (quality - minQuality) / Math.max(1e-9, maxQuality - minQuality));
	const hull = nonDecreasingHull(summary.router.points.map(point => ({cost: point.costUsd, quality: point.quality})));
	const ticks = [0, 0.25, 0.5, 0.75, 1];
	const colour = {model: '#4a6fa5', oracle: '#2e8b57', random: '#999999', router: '#d2691e'} as const;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Quality against cost">
<rect x="${margin.left}" y="${margin.top}" width="${width - margin.left - margin.right}" height="${height - margin.top - margin.bottom}" fill="#fafbfc" stroke="#d0d5da"/>
${ticks.map(tick => {
		const cost = tick * maxCost;
		const quality = minQuality + (tick * (maxQuality - minQuality));
		return `<text x="${x(cost).toFixed(1)}" y="${height - margin.bottom + 16}" text-anchor="middle">${cost.toPrecision(2)}</text><text x="${margin.left - 8}" y="${(y(quality) + 4).toFixed(1)}" text-anchor="end">${quality.toFixed(2)}</text>`;
	}).join('\n')}
<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" text-anchor="middle">mean cost a prompt (USD)</text>
<text x="16" y="${(margin.top + height - margin.bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(margin.top + height - margin.bottom) / 2})">mean quality</text>
${hull.length > 1 ? `<polyline fill="none" stroke="${colour.router}" stroke-width="2" points="${hull.map(point => `${x(point.cost).toFixed(1)},${y(point.quality).toFixed(1)}`).join(' ')}"/>` : ''}
${points.map(point => `<circle cx="${x(point.costUsd).toFixed(1)}" cy="${y(point.quality).toFixed(1)}" r="${point.kind === 'router' ? 3.5 : 5}" fill="${colour[point.kind as keyof typeof colour]}"><title>${escapeHtml(point.label || 'tierwise')}: quality ${point.quality.toFixed(3)}, cost ${point.costUsd.toPrecision(3)}</title></circle>${label(point.label, x(point.costUsd), y(point.quality))}`).join('\n')}
<g transform="translate(${margin.left + 12} ${margin.top + 14})">${Object.entries(colour).map(([kind, fill], index) => `<circle cx="0" cy="${index * 16}" r="4" fill="${fill}"/><text x="9" y="${(index * 16) + 4}">${kind === 'router' ? 'tierwise (points and hull)' : kind === 'model' ? 'single models' : kind}</text>`).join('')}</g>
</svg>`;
}
