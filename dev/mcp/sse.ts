/**
 * Server-sent events (text/event-stream) read as they arrive, after the HTML standard's
 * "event stream interpretation": `field: value` lines, an empty line ends an event, `data`
 * lines join with "\n", lines starting with ":" are comments. An MCP server answers a POST
 * with such a stream when it may send more than the one response.
 */

export interface SseEvent {
	/** `message` unless the server named it. */
	event: string;
	data: string;
	id?: string;
}

export class SseParser {
	private buffer = '';
	private event = '';
	private data: string[] = [];
	private id: string | undefined;

	/** Feed the next chunk of the stream; returns the events it completed. */
	push(chunk: string): SseEvent[] {
		this.buffer += chunk;
		const events: SseEvent[] = [];
		// A line ends at CRLF, LF or CR; a CR at the chunk's end may be the first half of a CRLF.
		let match: RegExpExecArray | null;
		const lineEnd = /\r\n|\n|\r(?=[^\n])/g;
		let consumed = 0;
		while ((match = lineEnd.exec(this.buffer)) !== null) {
			const line = this.buffer.slice(consumed, match.index);
			consumed = match.index + match[0].length;
			const event = this.line(line);
			if (event) events.push(event);
		}
		this.buffer = this.buffer.slice(consumed);
		return events;
	}

	private line(line: string): SseEvent | undefined {
		if (line === '') return this.dispatch();
		if (line.startsWith(':')) return undefined;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'event') this.event = value;
		else if (field === 'data') this.data.push(value);
		else if (field === 'id') this.id = value;
		return undefined;
	}

	private dispatch(): SseEvent | undefined {
		const event: SseEvent | undefined =
			this.data.length === 0
				? undefined
				: {
						event: this.event || 'message',
						data: this.data.join('\n'),
						...(this.id !== undefined && { id: this.id }),
					};
		this.event = '';
		this.data = [];
		return event;
	}
}
