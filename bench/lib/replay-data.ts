import {existsSync, readFileSync} from 'node:fs';
import type {ModelConfig} from '../../dist/index.js';

/** One line of a replay file: a prompt and every model's real outcome on it. */
export type ReplayLine = {
	readonly id: string;
	readonly prompt: string;
	readonly task?: string;
	readonly outcomes: Readonly<Record<string, {readonly quality: number; readonly costUsd: number}>>;
};

const sharedData = new URL('../../../shared/data/', import.meta.url);

/** Whether ../shared/data holds the data set. */
export function hasSharedData(name: string): boolean {
	return existsSync(new URL(`${name}.jsonl`, sharedData));
}

export function readReplay(name: string): ReplayLine[] {
	return readFileSync(new URL(`${name}.jsonl`, sharedData), 'utf8').split('\n').filter(line => line.trim() !== '').map(line => JSON.parse(line) as ReplayLine);
}

export function readModels(name: string): ModelConfig[] {
	return JSON.parse(readFileSync(new URL(`${name}.models.json`, sharedData), 'utf8')) as ModelConfig[];
}

/** mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6D_2B_79_F5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A seeded Fisher-Yates shuffle, leaving the input as it was. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
	const random = seeded(seed);
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
	}

	return copy;
}
