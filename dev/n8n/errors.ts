/** The error of a failed n8n command or server, with the end of n8n's output. */

export class N8nError extends Error {
	constructor(
		message: string,
		readonly stdoutTail = '',
		readonly stderrTail = '',
	) {
		super(
			[
				message,
				stdoutTail.trim() ? `--- n8n stdout (last lines) ---\n${stdoutTail.trimEnd()}` : '',
				stderrTail.trim() ? `--- n8n stderr (last lines) ---\n${stderrTail.trimEnd()}` : '',
			]
				.filter(Boolean)
				.join('\n'),
		);
		this.name = 'N8nError';
	}
}

/** The last `n` lines of a text. */
export function lastLines(text: string, n = 60): string {
	return text.split('\n').slice(-n).join('\n');
}
