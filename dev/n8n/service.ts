/**
 * A service n8n needs next to it (the queue mode's Redis and PostgreSQL, the local npm registry of
 * ../registry.ts): its process (started through ../proc.ts, output kept), its port on 127.0.0.1,
 * and a temporary working folder; ready once a check passes; stopped by its PID, the folder
 * removed.
 */
import * as fs from 'node:fs';

import { OutputTail, type TrackedChild } from '../proc';
import { N8nError } from './errors';

export class ServiceProcess {
	readonly output = new OutputTail(100);

	constructor(
		/** `redis-server`, `postgres`: in errors. */
		readonly name: string,
		readonly child: TrackedChild,
		readonly port: number,
		/** Its working folder, removed on stop. */
		private readonly dir: string,
	) {
		child.child.stdout?.on('data', (d: Buffer) => this.output.push(d));
		child.child.stderr?.on('data', (d: Buffer) => this.output.push(d));
	}

	get pid(): number {
		return this.child.pid;
	}

	/** Polls `ready()` until it holds; if the process exits or time runs out, stops it and throws. */
	async waitReady(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await ready())) {
			if (this.child.hasExited() || Date.now() > deadline) {
				const what = this.child.hasExited() ? 'exited' : `was not ready after ${timeoutMs} ms`;
				await this.stop(2000);
				throw new N8nError(
					`${this.name} (PID ${this.pid}) on 127.0.0.1:${this.port} ${what}`,
					this.output.text(30),
					'',
				);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	/** SIGTERM by PID, SIGKILL after the grace period; the working folder removed. */
	async stop(graceMs = 10_000): Promise<void> {
		await this.child.stop(graceMs);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
