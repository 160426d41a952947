/**
 * Child processes that never outlive us.
 *
 * Every child is spawned as the leader of its own process group (`detached`), remembered by
 * PID, and stopped by that PID: SIGTERM to its group, then SIGKILL after a grace period. When
 * this process exits (normally, by an uncaught error or by a signal that we handle) every child
 * still known is killed. Ctrl-C in a terminal reaches only us (the children are in their own
 * groups), so shutdown happens in order: our handler stops the children, then we exit.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

type Registry = Map<number, { name: string; child: ChildProcess }>;

/**
 * The children still running, by PID. Kept on node's own `spawn` function, which every copy of
 * this module in the process shares: Jest loads this file again inside each test
 * sandbox, whose `process` does not receive signals, while the handlers that do are installed
 * from Jest's globalSetup (see test/e2e/global-setup.ts). One registry lets them find every child.
 */
const REGISTRY = Symbol.for('n8n-nodes-callbell/dev/proc#state');
interface SharedState {
	live: Registry;
	/** Set once a shutdown began: no new child may start. */
	shuttingDown: boolean;
}
const shared = spawn as unknown as Record<symbol, SharedState | undefined>;
const state: SharedState = (shared[REGISTRY] ??= { live: new Map(), shuttingDown: false });
const live = state.live;
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last line of defence, synchronous: whatever is still running gets SIGKILL.
	process.on('exit', () => {
		for (const pid of live.keys()) killGroup(pid, 'SIGKILL');
	});
}

/** Whether a process with this PID exists (also one of another user's: EPERM). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Tracked children, by PID (for reports and tests). */
export function liveChildren(): Array<{ pid: number; name: string }> {
	return [...live.entries()].map(([pid, v]) => ({ pid, name: v.name }));
}

export interface TrackedChild {
	name: string;
	pid: number;
	child: ChildProcess;
	/** Resolves with the exit code (or the signal name) once the process has exited. */
	exited: Promise<number | string>;
	/** Whether the process has exited. */
	hasExited(): boolean;
	/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once it has exited. */
	stop(graceMs?: number): Promise<void>;
}

export function spawnTracked(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions = {},
): TrackedChild {
	installExitHook();
	if (state.shuttingDown) throw new Error(`Not starting ${name}: shutting down`);
	const child = spawn(command, args, { ...options, detached: true });
	if (child.pid === undefined) {
		// spawn failed synchronously (ENOENT etc.): the error event follows.
		const exited = new Promise<number | string>((resolve) => {
			child.once('error', (err) => resolve(`spawn error: ${err.message}`));
		});
		return {
			name,
			pid: -1,
			child,
			exited,
			hasExited: () => true,
			stop: async () => undefined,
		};
	}
	const pid = child.pid;
	live.set(pid, { name, child });
	let done = false;
	const exited = new Promise<number | string>((resolve) => {
		child.once('error', (err) => {
			if (done) return;
			done = true;
			live.delete(pid);
			resolve(`spawn error: ${err.message}`);
		});
		child.once('exit', (code, signal) => {
			done = true;
			// The leader is gone; make sure nothing of its group stays behind.
			killGroup(pid, 'SIGKILL');
			live.delete(pid);
			resolve(code ?? signal ?? 'unknown');
		});
	});
	const stop = async (graceMs = 10_000): Promise<void> => {
		if (done) return;
		killGroup(pid, 'SIGTERM');
		const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	};
	return { name, pid, child, exited, hasExited: () => done, stop };
}

/** Stop every tracked child (in parallel). */
export async function stopAll(graceMs = 10_000): Promise<void> {
	const children = [...live.entries()];
	await Promise.all(
		children.map(async ([pid]) => {
			killGroup(pid, 'SIGTERM');
		}),
	);
	const deadline = Date.now() + graceMs;
	while (live.size > 0 && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 100));
	}
	for (const pid of live.keys()) killGroup(pid, 'SIGKILL');
	const hardDeadline = Date.now() + 5000;
	while (live.size > 0 && Date.now() < hardDeadline) {
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** A bounded ring of the last output lines, for readable failures. */
export class OutputTail {
	private lines: string[] = [];
	private partial = '';
	constructor(private readonly max = 200) {}
	push(chunk: Buffer | string): void {
		const text = this.partial + chunk.toString();
		const parts = text.split('\n');
		this.partial = parts.pop() ?? '';
		for (const line of parts) {
			this.lines.push(line);
			if (this.lines.length > this.max) this.lines.shift();
		}
	}
	text(last = this.max): string {
		const all = this.partial ? [...this.lines, this.partial] : this.lines;
		return all.slice(-last).join('\n');
	}
}

export interface RunResult {
	code: number | string;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface RunOptions extends SpawnOptions {
	/** Kill the process (by PID) after this long; the result then has code 'timeout'. */
	timeoutMs?: number;
	/** Called for each chunk of output (e.g. to stream progress). */
	onStdout?: (chunk: string) => void;
	onStderr?: (chunk: string) => void;
	/** Keep at most this many characters of each stream (the end is kept). */
	maxBuffer?: number;
}

/** Run to completion, capturing output; never throws for a non-zero exit. */
export async function run(
	name: string,
	command: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const { timeoutMs, onStdout, onStderr, maxBuffer = 20_000_000, ...spawnOptions } = options;
	const started = Date.now();
	const tracked = spawnTracked(name, command, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		...spawnOptions,
	});
	let stdout = '';
	let stderr = '';
	tracked.child.stdout?.on('data', (d: Buffer) => {
		const s = d.toString();
		stdout = (stdout + s).slice(-maxBuffer);
		onStdout?.(s);
	});
	tracked.child.stderr?.on('data', (d: Buffer) => {
		const s = d.toString();
		stderr = (stderr + s).slice(-maxBuffer);
		onStderr?.(s);
	});
	let timedOut = false;
	const timer =
		timeoutMs !== undefined
			? setTimeout(() => {
					timedOut = true;
					void tracked.stop(5000);
				}, timeoutMs)
			: undefined;
	const code = await tracked.exited;
	if (timer) clearTimeout(timer);
	// Let the pipes drain.
	await new Promise((r) => setImmediate(r));
	return { code: timedOut ? 'timeout' : code, stdout, stderr, ms: Date.now() - started };
}

/**
 * On SIGINT/SIGTERM/SIGHUP: run `cleanup` once (stop servers, children), then stop every
 * tracked child and exit. A second Ctrl-C while cleaning up kills the remaining children at once.
 * Returns a function that removes the handlers again.
 */
export function onShutdown(cleanup: (signal: string) => Promise<void>): () => void {
	installExitHook();
	let shuttingDown = false;
	const handler = (signal: NodeJS.Signals): void => {
		if (shuttingDown) {
			for (const { pid } of liveChildren()) killGroup(pid, 'SIGKILL');
			process.exit(130);
		}
		shuttingDown = true;
		state.shuttingDown = true;
		cleanup(signal)
			.catch((err) => console.error('Error while shutting down:', err))
			.finally(async () => {
				await stopAll(5000);
				process.exit(signal === 'SIGINT' ? 130 : 143);
			});
	};
	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	for (const signal of signals) process.on(signal, handler);
	return () => {
		for (const signal of signals) process.removeListener(signal, handler);
	};
}
