/** `T` with every optional property's `undefined` removed, as `exactOptionalPropertyTypes` wants it. */
export type WithoutUndefined<T> = {[K in keyof T]: Exclude<T[K], undefined>};

/** A copy of `value` without the properties set to undefined (zod keeps optional keys passed as undefined). */
export function withoutUndefined<T extends object>(value: T): Partial<WithoutUndefined<T>> {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<WithoutUndefined<T>>;
}
