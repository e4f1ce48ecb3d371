/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAligned: ReadonlySet<number> = new Set()): string {
	const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map(row => (row[column] ?? '').length)));
	const line = (cells: readonly string[]) => cells
		.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
		.join('  ')
		.trimEnd();
	return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(row => line(row))].join('\n');
}
