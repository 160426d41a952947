/** Command-line flags as `--name value` pairs, for the package's small CLIs. */

/** Calls `handle` per flag; `value()` takes the argument after the flag, which must be there. */
export function forEachFlag(
	argv: string[],
	handle: (flag: string, value: () => string) => void,
): void {
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		handle(flag, () => {
			const next = argv[++index];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		});
	}
}
