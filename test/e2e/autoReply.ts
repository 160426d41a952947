/**
 * The auto-reply demo's story (dev/fixtures/demo-incoming-message-auto-reply.json) as the e2e
 * files check it in one n8n (n8n.test.ts) and in queue mode (queue.test.ts).
 */
import type { startEmulator } from '../../dev/emulator';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** What the workflow sends when Jane writes in. */
export const AUTO_REPLY_TO_JANE = {
	to: '+391234567890',
	from: 'whatsapp',
	type: 'text',
	content: { text: 'Hi Jane Doe, thanks for your message! An agent will answer shortly.' },
	metadata: { source: 'n8n-auto-reply' },
};

/** Callbell's delivery log as [event, success, the receiver's answer]. */
export function deliveryAnswers(emulator: Emulator): unknown[] {
	return emulator.state.webhookEvents.map((delivery) => [
		delivery.event,
		delivery.success,
		JSON.parse(String(delivery.response)) as Record<string, unknown>,
	]);
}

/**
 * Jane's message answered by the trigger, with its receiver mark; then the reply (an outgoing
 * message_created), delivered too and ignored: it starts nothing.
 */
export const ANSWERED_THEN_IGNORED = [
	[
		'message_created',
		true,
		{ status: 'ok', receiver: expect.stringMatching(/^n8n:[0-9a-f]{16}$/) },
	],
	[
		'message_created',
		true,
		{ status: 'ok', receiver: expect.any(String), ignored: 'outgoing message' },
	],
];

/** Someone else POSTs a message_created without Callbell's signature; resolves with the HTTP status. */
export async function postForgedMessage(webhookUrl: string): Promise<number> {
	const forged = await fetch(webhookUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-callbell-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
		},
		body: JSON.stringify({
			event: 'message_created',
			payload: { status: 'received', from: '+391234567890', contact: { name: 'Mallory' } },
		}),
	});
	return forged.status;
}
