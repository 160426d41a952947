/**
 * The n8n CLI of an instance, run in its user folder with its environment: any command, the
 * imports (`import:credentials`, `import:workflow`) from objects, and `execute --id --rawOutput`
 * with the printed run read (executeOutput.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { run, type RunResult } from '../proc';
import { formatMs } from '../timing';
import { lastLines, N8nError } from './errors';
import {
	executeFailure,
	readExecuteResult,
	type ExecuteResult,
	type N8nRun,
} from './executeOutput';
import type { N8nInstall } from './install';
import { taskBrokerEnv } from './ports';

/** Credential as `n8n import:credentials` reads it (plain `data` is encrypted on import). */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Workflow in n8n's export format (the fields import:workflow needs). */
export interface WorkflowImport {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface CliRunOptions {
	timeoutMs?: number;
	env?: Record<string, string>;
}

/** Where and how the commands run. */
export interface CliContext {
	install: N8nInstall;
	/** The user folder: the commands' working folder, and where import files are written. */
	userFolder: string;
	/** `n8n <version>`, at the start of log lines and errors. */
	label: string;
	/** The environment of a command, with its extra variables. */
	env: (extra?: Record<string, string>) => NodeJS.ProcessEnv;
	log: (line: string) => void;
	/** Time limit of a command that sets none. */
	timeoutMs: number;
}

export class N8nCli {
	constructor(private readonly context: CliContext) {}

	/** Run an n8n CLI command to completion (never throws for its exit code). */
	async run(args: string[], options: CliRunOptions = {}): Promise<RunResult> {
		const { install, userFolder, label, env, log, timeoutMs } = this.context;
		const started = Date.now();
		const result = await run(`n8n ${args[0]}`, install.node.bin, [install.n8nBin, ...args], {
			cwd: userFolder,
			env: env({ ...(await taskBrokerEnv()), ...options.env }),
			timeoutMs: options.timeoutMs ?? timeoutMs,
		});
		log(
			`  ${label}: n8n ${args.join(' ')} → exit ${result.code} (${formatMs(Date.now() - started)})`,
		);
		return result;
	}

	/** Like `run`, but a non-zero exit throws an N8nError with the output's tail. */
	async runOrThrow(args: string[], options: CliRunOptions = {}): Promise<RunResult> {
		const result = await this.run(args, options);
		if (result.code !== 0) {
			throw new N8nError(
				`${this.context.label}: \`n8n ${args.join(' ')}\` failed (exit ${result.code})`,
				lastLines(result.stdout),
				lastLines(result.stderr),
			);
		}
		return result;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		// The file holds the tokens in clear: it lives only for the import.
		await this.importFile('import:credentials', `credentials-${Date.now()}.json`, credentials);
	}

	async importWorkflows(workflows: WorkflowImport[]): Promise<void> {
		for (const workflow of workflows) {
			if (workflow.id.length > 16)
				throw new Error(`Workflow id "${workflow.id}" is longer than 16 characters`);
		}
		await this.importFile('import:workflow', `workflows-${Date.now()}.json`, workflows);
	}

	/** `n8n execute --id=<id> --rawOutput`, with the printed run parsed. */
	async execute(workflowId: string, options: { timeoutMs?: number } = {}): Promise<ExecuteResult> {
		return readExecuteResult(
			await this.run(['execute', `--id=${workflowId}`, '--rawOutput'], options),
		);
	}

	/** Like `execute`, but throws (with n8n's output) unless the run succeeded. */
	async executeOrThrow(workflowId: string, options: { timeoutMs?: number } = {}): Promise<N8nRun> {
		const result = await this.execute(workflowId, options);
		if (!result.ok || !result.run) {
			const { reason, logLines } = executeFailure(result);
			throw new N8nError(
				`${this.context.label}: \`n8n execute --id=${workflowId}\`: ${reason}`,
				lastLines(logLines, 40),
				lastLines(result.cli.stderr, 40),
			);
		}
		return result.run;
	}

	/** `n8n <command> --input=<file>` with `content` in a file of `<user folder>/imports/` that is removed afterwards. */
	private async importFile(command: string, name: string, content: unknown): Promise<void> {
		const dir = path.join(this.context.userFolder, 'imports');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, name);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		try {
			await this.runOrThrow([command, `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}
}
