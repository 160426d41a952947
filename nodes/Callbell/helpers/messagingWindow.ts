/**
 * WhatsApp's 24-hour window, for Message → Send: WhatsApp delivers a free-form message (text,
 * media) only within 24 hours of the customer's last message; after that only an approved
 * template. Callbell may accept a free-form send outside the window and show the refusal only
 * later, as a failed status, so Send looks the window up first and decides here what to send.
 * Pure: the operation fetches the contact's messages and passes in the time.
 */
import type { IDataObject } from 'n8n-workflow';

import { CallbellInputError } from './validation';

export const WINDOW_HOURS = 24;
const HOUR_MS = 60 * 60 * 1000;
const WINDOW_MS = WINDOW_HOURS * HOUR_MS;

/** Message → Send → Window Closed (`windowClosed`): what to do when the window is closed. */
export const WINDOW_CLOSED_CHOICES = ['error', 'template', 'send'] as const;
export type WindowClosedChoice = (typeof WINDOW_CLOSED_CHOICES)[number];

/** What the window look-up found: open or not, and when the customer last wrote (if ever). */
export interface MessagingWindow {
	open: boolean;
	lastReceivedAt?: string;
}

const isReceived = (message: IDataObject) => message.status === 'received';

function timeOf(message: IDataObject): number | undefined {
	const at = typeof message.createdAt === 'string' ? Date.parse(message.createdAt) : NaN;
	return Number.isNaN(at) ? undefined : at;
}

/**
 * Whether this message, read newest first, settles the window: it is the customer's latest
 * message, or it is older than any window (a received message after it is older still).
 */
export function settlesWindow(message: IDataObject, now: number): boolean {
	if (isReceived(message)) return true;
	const at = timeOf(message);
	return at !== undefined && now - at >= WINDOW_MS;
}

/**
 * The window, from the first message that settles it (none: the customer never wrote, or the
 * contact does not exist): open if that is the customer's message and is less than 24 hours old.
 * A received message without a readable time does not open it.
 */
export function messagingWindow(settling: IDataObject | undefined, now: number): MessagingWindow {
	if (settling === undefined || !isReceived(settling)) return { open: false };
	const at = timeOf(settling);
	const lastReceivedAt = typeof settling.createdAt === 'string' ? settling.createdAt : undefined;
	return { open: at !== undefined && now - at < WINDOW_MS, lastReceivedAt };
}

/** "3 hours ago", "2 days ago": how long since the customer wrote, as a person says it. */
export function timeAgo(at: number, now: number): string {
	const hours = Math.max(0, Math.floor((now - at) / HOUR_MS));
	if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
	const days = Math.floor(hours / 24);
	return `${days} days ago`;
}

/** What Send sends: the message as asked, or the Window Template instead. */
export type WindowedSend = 'asked' | 'template';

/**
 * What to send to `recipient` (e.g. "+391234567890") given the window and Window Closed: as
 * asked in an open window; in a closed one the Window Template (`template`), or nothing (`error`):
 * refused, with what to do. `send` never gets here: it skips the look-up.
 */
export function decideWindowedSend(
	choice: WindowClosedChoice,
	window: MessagingWindow,
	recipient: string,
	now: number,
): WindowedSend {
	if (window.open || choice === 'send') return 'asked';
	if (choice === 'template') return 'template';
	const at = window.lastReceivedAt === undefined ? NaN : Date.parse(window.lastReceivedAt);
	const why = Number.isNaN(at)
		? `${recipient} has not written to this account on WhatsApp`
		: `${recipient} last wrote ${timeAgo(at, now)} (${window.lastReceivedAt})`;
	throw new CallbellInputError(
		'Window Closed',
		`Not sent: WhatsApp's 24-hour window is closed, ${why}`,
		`WhatsApp delivers text and media only within ${WINDOW_HOURS} hours of the customer's last ` +
			'message. Send an approved template instead (Message Type → Template), or set Window ' +
			'Closed (windowClosed) to "Send Template" to send the Window Template in that case, or to ' +
			'"Send Anyway" to skip this check.',
	);
}
