/**
 * WhatsApp's 24-hour window (helpers/messagingWindow.ts): which message settles it when a
 * conversation is read newest first, whether it is open, and what Send sends then.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	decideWindowedSend,
	messagingWindow,
	settlesWindow,
	timeAgo,
} from '../../../nodes/Callbell/helpers/messagingWindow';
import { CallbellInputError } from '../../../nodes/Callbell/helpers/validation';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const hoursAgo = (hours: number) => new Date(NOW - hours * HOUR).toISOString();
const received = (hours: number) => ({ status: 'received', createdAt: hoursAgo(hours) });
const sent = (hours: number) => ({ status: 'sent', createdAt: hoursAgo(hours) });

/** The window as Send finds it: the first message, newest first, that settles it. */
const windowOf = (newestFirst: Array<IDataObject>) =>
	messagingWindow(
		newestFirst.find((message) => settlesWindow(message, NOW)),
		NOW,
	);

describe('settlesWindow: how far back Send reads', () => {
	it.each<[string, IDataObject, boolean]>([
		['a message from the customer, however old', received(500), true],
		['our message of an hour ago: read on', sent(1), false],
		['a note of 23 hours ago: read on', { status: 'note', createdAt: hoursAgo(23) }, false],
		['our message of exactly 24 hours ago: anything older cannot open it', sent(24), true],
		['our message without a readable time: read on', { status: 'sent', createdAt: 'soon' }, false],
	])('%s', (_label, message, settles) => {
		expect(settlesWindow(message, NOW)).toBe(settles);
	});
});

describe('messagingWindow', () => {
	it.each<[string, Array<IDataObject>, boolean]>([
		['the customer wrote 3 hours ago', [received(3)], true],
		['they wrote 23 h 59 min ago', [received(23 + 59 / 60)], true],
		['they wrote exactly 24 hours ago', [received(24)], false],
		['they wrote 30 hours ago', [received(30)], false],
		['we answered since, they wrote 20 hours ago', [sent(1), sent(5), received(20)], true],
		['only our messages, recent ones', [sent(1), sent(2)], false],
		['our old message, then theirs further back', [sent(30), received(31)], false],
		['no message at all (or no contact)', [], false],
		['their message has no readable time', [{ status: 'received', createdAt: 'yesterday' }], false],
		[
			'a clock a minute ahead of ours',
			[{ status: 'received', createdAt: hoursAgo(-1 / 60) }],
			true,
		],
	])('%s: open %s', (_label, newestFirst, open) => {
		expect(windowOf(newestFirst).open).toBe(open);
	});

	it('says when the customer last wrote', () => {
		expect(windowOf([sent(1), received(30)])).toEqual({
			open: false,
			lastReceivedAt: '2026-12-02T06:00:00.000Z',
		});
		expect(windowOf([sent(1)])).toEqual({ open: false });
	});
});

describe('timeAgo', () => {
	it.each<[number, string]>([
		[0.5, '0 hours ago'],
		[1, '1 hour ago'],
		[47.9, '47 hours ago'],
		[48, '2 days ago'],
		[24 * 9 + 5, '9 days ago'],
	])('%s hours → %s', (hours, said) => {
		expect(timeAgo(NOW - hours * HOUR, NOW)).toBe(said);
	});
});

describe('decideWindowedSend', () => {
	const open = { open: true, lastReceivedAt: hoursAgo(2) };
	const closed = { open: false, lastReceivedAt: hoursAgo(30) };
	const never = { open: false };

	it('an open window sends as asked, whatever Window Closed says', () => {
		for (const choice of ['error', 'template', 'send'] as const)
			expect(decideWindowedSend(choice, open, '+391234567890', NOW)).toBe('asked');
	});

	it('a closed window: the Window Template for "template", as asked for "send"', () => {
		expect(decideWindowedSend('template', closed, '+391234567890', NOW)).toBe('template');
		expect(decideWindowedSend('send', never, '+391234567890', NOW)).toBe('asked');
	});

	it('a closed window with "error": refused, saying since when and what to do', () => {
		const refusal = () => decideWindowedSend('error', closed, '+391234567890', NOW);
		expect(refusal).toThrow(CallbellInputError);
		expect(refusal).toThrow(
			"Not sent: WhatsApp's 24-hour window is closed, +391234567890 last wrote 30 hours ago (2026-12-02T06:00:00.000Z)",
		);
		try {
			refusal();
		} catch (error) {
			expect((error as CallbellInputError).field).toBe('Window Closed');
			expect((error as CallbellInputError).hint).toMatch(
				/Message Type → Template.*Window Closed \(windowClosed\) to "Send Template".*"Send Anyway"/,
			);
		}
	});

	it('a customer who never wrote: said so', () => {
		expect(() => decideWindowedSend('error', never, 'BSUID US.1349', NOW)).toThrow(
			"Not sent: WhatsApp's 24-hour window is closed, BSUID US.1349 has not written to this account on WhatsApp",
		);
	});
});
