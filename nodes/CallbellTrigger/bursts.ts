/**
 * Options → Burst Window: incoming messages from one contact on one channel that follow each
 * other within the window start one execution, once the window has passed since the last of
 * them. The delivery that opened a burst waits for it (every delivery has been answered by then,
 * so Callbell never retries because of the window); the others join it and start nothing. Kept
 * in this n8n process's memory, at most MAX_PENDING_BURSTS at a time.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export const MAX_BURST_WINDOW_SECONDS = 60;
const MAX_PENDING_BURSTS = 10_000;
const WAIT_SLICE_MS = 1000;

export interface BurstMessage {
	payload: IDataObject;
	receivedAt: string;
}

interface PendingBurst {
	key: string;
	trigger: string;
	messages: BurstMessage[];
	lastAt: number;
	isClosed: boolean;
	/** Resolves when the burst is closed: its window passed, or it was released early. */
	closed: Promise<void>;
	close: () => void;
}

const pending = new Map<string, PendingBurst>();

/** Who a burst is from: the contact (else the sender's address) and the channel; undefined: no burst. */
export function senderKey(payload: IDataObject): string | undefined {
	const contact = payload.contact as IDataObject | undefined;
	const who =
		typeof contact?.uuid === 'string' && contact.uuid !== ''
			? contact.uuid
			: typeof payload.from === 'string' && payload.from !== ''
				? payload.from
				: undefined;
	if (who === undefined) return undefined;
	const channel = typeof payload.channel === 'string' ? payload.channel : String(payload.to ?? '');
	return `${who}\u0000${channel}`;
}

/** Closed bursts leave the map at once: a message arriving after that opens a new one. */
function openBurst(key: string, trigger: string, message: BurstMessage, now: number): PendingBurst {
	let resolve = () => {};
	const closed = new Promise<void>((done) => (resolve = done));
	const burst: PendingBurst = {
		key,
		trigger,
		messages: [message],
		lastAt: now,
		isClosed: false,
		closed,
		close: () => {
			burst.isClosed = true;
			if (pending.get(key) === burst) pending.delete(key);
			resolve();
		},
	};
	return burst;
}

/**
 * Adds a message to its sender's pending burst. Returns the burst when this message opened it
 * (the caller then waits for it with `awaitBurst`), undefined when it joined one.
 */
export function joinBurst(
	trigger: string,
	sender: string,
	message: BurstMessage,
	now: number,
): PendingBurst | undefined {
	const key = `${trigger}\u0000${sender}`;
	const open = pending.get(key);
	if (open !== undefined) {
		open.messages.push(message);
		open.lastAt = now;
		return undefined;
	}
	const burst = openBurst(key, trigger, message, now);
	pending.set(key, burst);
	// Too many senders at once: the oldest burst starts now rather than memory growing.
	if (pending.size > MAX_PENDING_BURSTS) pending.values().next().value?.close();
	return burst;
}

/** Waits until `windowMs` passed since the burst's last message (or it is closed early); its messages in arrival order. */
export async function awaitBurst(burst: PendingBurst, windowMs: number): Promise<BurstMessage[]> {
	for (;;) {
		const remaining = burst.lastAt + windowMs - Date.now();
		if (remaining <= 0 || burst.isClosed) break;
		// In slices: a burst closed early leaves no long timer behind (n8n 2.x has no sleepWithAbort).
		await Promise.race([sleep(Math.min(remaining, WAIT_SLICE_MS)), burst.closed]);
	}
	burst.close();
	return burst.messages;
}

/** Starts every pending burst of a trigger now (deactivation): none is dropped. */
export function releaseBursts(trigger: string): number {
	let count = 0;
	for (const burst of pending.values()) {
		if (burst.trigger !== trigger) continue;
		burst.close();
		count++;
	}
	return count;
}

/**
 * The burst as one message: the last message's payload (the contact as it is now), with every
 * message in arrival order, their texts joined by line breaks (empty ones, e.g. voice notes,
 * left out) and all their attachments' links.
 */
export function burstPayload(messages: BurstMessage[]): IDataObject {
	const payloads = messages.map((message) => message.payload);
	const texts = payloads
		.map((payload) => (typeof payload.text === 'string' ? payload.text.trim() : ''))
		.filter((text) => text !== '');
	return {
		...payloads[payloads.length - 1],
		text: texts.join('\n'),
		attachments: payloads.flatMap((payload) => attachmentUrls(payload)),
		messages: payloads,
	};
}

/** The links in a message's `attachments` (strings, or objects with a url). */
export function attachmentUrls(payload: IDataObject): string[] {
	if (!Array.isArray(payload.attachments)) return [];
	return payload.attachments.flatMap((attachment: unknown) => {
		if (typeof attachment === 'string' && attachment.trim() !== '') return [attachment.trim()];
		const url = (attachment as IDataObject | null)?.url;
		return typeof url === 'string' && url.trim() !== '' ? [url.trim()] : [];
	});
}
