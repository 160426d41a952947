/** Phases with timings, printed as they happen and summed up at the end. */

export function formatMs(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const s = ms / 1000;
	if (s < 90) return `${s.toFixed(1)} s`;
	const m = Math.floor(s / 60);
	return `${m} min ${Math.round(s - m * 60)} s`;
}

export interface PhaseRecord {
	name: string;
	ms: number;
	ok: boolean;
}

export class Phases {
	readonly records: PhaseRecord[] = [];

	constructor(
		private readonly prefix = '',
		private readonly out: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
	) {}

	log(message: string): void {
		this.out(`${this.prefix}${message}`);
	}

	async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
		const started = Date.now();
		this.log(`▸ ${name} …`);
		try {
			const result = await fn();
			const ms = Date.now() - started;
			this.records.push({ name, ms, ok: true });
			this.log(`✓ ${name} (${formatMs(ms)})`);
			return result;
		} catch (error) {
			const ms = Date.now() - started;
			this.records.push({ name, ms, ok: false });
			this.log(`✗ ${name} failed after ${formatMs(ms)}`);
			throw error;
		}
	}

	summary(title = 'Timings'): string {
		const width = Math.max(10, ...this.records.map((r) => r.name.length));
		const lines = this.records.map(
			(r) => `  ${r.name.padEnd(width)}  ${formatMs(r.ms).padStart(12)}${r.ok ? '' : '  (failed)'}`,
		);
		const total = this.records.reduce((sum, r) => sum + r.ms, 0);
		return [
			`${this.prefix}${title}:`,
			...lines,
			`  ${'total'.padEnd(width)}  ${formatMs(total).padStart(12)}`,
		].join('\n');
	}
}
