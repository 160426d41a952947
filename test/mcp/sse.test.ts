/** Reading an event stream as it arrives, in whatever pieces the network hands it over. */
import { SseParser } from '../../dev/mcp/sse';

const STREAM =
	': comment, then an unnamed event\n' +
	'data: {"a":1}\n' +
	'\n' +
	'event: message\r\n' +
	'id: 42\r\n' +
	'data: first line\r\n' +
	'data:second line\r\n' +
	'\r\n' +
	'event: endpoint\r' +
	'data: /mcp/messages?sessionId=1\r' +
	'\r' +
	'event: nothing\n' +
	'\n';

const EXPECTED = [
	{ event: 'message', data: '{"a":1}' },
	{ event: 'message', data: 'first line\nsecond line', id: '42' },
	{ event: 'endpoint', data: '/mcp/messages?sessionId=1', id: '42' },
];

it('reads events: names, ids, multi-line data, comments; LF, CRLF and CR line ends; no event without data', () => {
	expect(new SseParser().push(STREAM)).toEqual(EXPECTED);
});

it('reads the same events when the stream arrives one character at a time', () => {
	const parser = new SseParser();
	const events = [...STREAM].flatMap((character) => parser.push(character));
	expect(events).toEqual(EXPECTED);
});

it('keeps an unfinished event until its empty line arrives', () => {
	const parser = new SseParser();
	expect(parser.push('data: half')).toEqual([]);
	expect(parser.push(' and more\n')).toEqual([]);
	expect(parser.push('\n')).toEqual([{ event: 'message', data: 'half and more' }]);
});
