/**
 * What `n8n execute --id=… --rawOutput` prints, read: the run (n8n's `IRun`, printed among its
 * log lines), whether it succeeded and why not, and the items a node put out.
 */
import type { RunResult } from '../proc';

/** What `n8n execute` returned, with helpers for the run data. */
export interface ExecuteResult {
	ok: boolean;
	/** The `IRun` object n8n printed (undefined if none could be parsed). */
	run?: N8nRun;
	/** The error of the run, if it failed. */
	error?: {
		message?: string;
		description?: string;
		node?: { name?: string };
		[key: string]: unknown;
	};
	cli: RunResult;
}

/** An item as a run holds it: its JSON, and its binary data's metadata (the data may be stored elsewhere). */
export interface N8nItem {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType?: string; fileName?: string; [key: string]: unknown }>;
}

export interface N8nRun {
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main?: Array<N8nItem[] | null> };
					error?: unknown;
					executionStatus?: string;
				}>
			>;
			lastNodeExecuted?: string;
			error?: { message?: string; description?: string; [key: string]: unknown };
		};
	};
	status?: string;
	finished?: boolean;
	[key: string]: unknown;
}

/**
 * The JSON document in `n8n execute --rawOutput` output. n8n prints it with `JSON.stringify(x,
 * null, 2)` among log lines, so it starts with a line `{` and ends with a line `}`. Returns the
 * last such document and the output without it (the log lines).
 */
export function splitJsonDocument(output: string): { value: unknown; rest: string } {
	const lines = output.split('\n');
	// The document's own braces stand at the start of their lines: try those first, as trying
	// every indented pair of a run with 10,000 items would take minutes.
	return (
		findJsonDocument(lines, (line) => line.trimEnd()) ??
		findJsonDocument(lines, (line) => line.trim()) ??
		noJsonDocument()
	);
}

function noJsonDocument(): never {
	throw new Error('No JSON document found in the output');
}

function findJsonDocument(
	lines: string[],
	brace: (line: string) => string,
): { value: unknown; rest: string } | undefined {
	const ends: number[] = [];
	const starts: number[] = [];
	lines.forEach((line, i) => {
		const t = brace(line);
		if (t === '}' || t === ']') ends.push(i);
		if (t === '{' || t === '[') starts.push(i);
	});
	for (const end of ends.reverse()) {
		for (const start of starts) {
			if (start >= end) break;
			try {
				const value: unknown = JSON.parse(lines.slice(start, end + 1).join('\n'));
				const rest = [...lines.slice(0, start), '(… run data …)', ...lines.slice(end + 1)].join(
					'\n',
				);
				return { value, rest };
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

export function extractJsonDocument(output: string): unknown {
	return splitJsonDocument(output).value;
}

/** The finished `n8n execute` command read: its run (from stdout, else from all output) and whether it succeeded. */
export function readExecuteResult(cli: RunResult): ExecuteResult {
	let parsed: N8nRun | undefined;
	try {
		parsed = extractJsonDocument(cli.stdout) as N8nRun;
	} catch {
		try {
			parsed = extractJsonDocument(`${cli.stdout}\n${cli.stderr}`) as N8nRun;
		} catch {
			parsed = undefined;
		}
	}
	const runError = parsed?.data?.resultData?.error;
	const ok = cli.code === 0 && parsed !== undefined && !runError;
	return { ok, run: parsed, error: runError, cli };
}

/** Why a run did not succeed, and n8n's log lines (its stdout without the run data). */
export function executeFailure(result: ExecuteResult): { reason: string; logLines: string } {
	const reason = result.error?.message
		? `the run failed: ${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`
		: result.run
			? `exit ${result.cli.code}`
			: `no run data was printed (exit ${result.cli.code})`;
	let logLines = result.cli.stdout;
	try {
		logLines = splitJsonDocument(result.cli.stdout).rest;
	} catch {
		// no run data printed: show the output as it is
	}
	return { reason, logLines };
}

/** The items a node put out, binary data included (first run, first output by default). */
export function nodeItems(
	runResult: N8nRun,
	nodeName: string,
	output = 0,
	runIndex = 0,
): N8nItem[] {
	const runs = runResult.data.resultData.runData[nodeName];
	if (!runs) {
		throw new Error(
			`Node "${nodeName}" did not run; nodes that ran: ${Object.keys(runResult.data.resultData.runData).join(', ')}`,
		);
	}
	return runs[runIndex]?.data?.main?.[output] ?? [];
}

/** The `json` of each item a node put out (first run, first output by default). */
export function nodeOutput(
	runResult: N8nRun,
	nodeName: string,
	output = 0,
	runIndex = 0,
): Array<Record<string, unknown>> {
	return nodeItems(runResult, nodeName, output, runIndex).map((item) => item.json);
}
