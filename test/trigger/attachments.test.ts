/**
 * Callbell Trigger → Options → Download Attachments, through n8n-core's WebhookContext against
 * the emulator's files over real HTTP: a voice note, an image and a PDF become the item's binary
 * data after Callbell's delivery was answered; a download that fails, is too large or too slow
 * still starts the item, with the reason; the API token goes to no other host.
 */
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { ATTACHMENTS, startEmulator, type CallbellEmulator } from '../../dev/emulator';
import { TEST_TOKEN } from '../../dev/emulator/seed';
import { useEmulator } from '../stories';
import { callbellTrigger, messageFromJane } from './fixtures';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

/** A trigger whose credential points at the emulator (Callbell's API host, which also serves the files). */
const trigger = (options: IDataObject = {}) =>
	callbellTrigger(
		{ options: { downloadAttachments: true, ...options } },
		{ baseUrl: emulator.baseUrl },
	);

const voiceNote = () => emulator.attachmentUrl('voice-note.ogg');
const photo = () => emulator.attachmentUrl('photo.jpg');
const invoice = () => emulator.attachmentUrl('invoice.pdf');
const downloads = () =>
	emulator.requests.filter((request) => request.path.startsWith('/attachments/'));
const file = (name: string) => ATTACHMENTS.find((attachment) => attachment.name === name)!;
const bytesOf = (binary: IBinaryData) => Buffer.from(binary.data, 'base64').length;

describe('a message with attachments', () => {
	it('a voice note, an image and a PDF: binary attachment_0, _1, _2 in the order of the links, each with its type and name', async () => {
		const node = await trigger();
		const answer = await node.receive({
			body: messageFromJane({ text: '', attachments: [voiceNote(), photo(), invoice()] }),
		});

		const binary = answer.binaries![0];
		expect(Object.keys(binary)).toEqual(['attachment_0', 'attachment_1', 'attachment_2']);
		expect(binary.attachment_0).toMatchObject({
			mimeType: 'audio/ogg',
			fileName: 'voice-note.ogg',
		});
		expect(binary.attachment_1).toMatchObject({ mimeType: 'image/jpeg', fileName: 'photo.jpg' });
		expect(binary.attachment_2).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'invoice.pdf',
		});
		expect(bytesOf(binary.attachment_0)).toBe(file('voice-note.ogg').bytes);
		expect(bytesOf(binary.attachment_2)).toBe(file('invoice.pdf').bytes);
		// The JSON is what it always was: the links stay in the payload, no errors.
		expect(answer.items![0]).toMatchObject({
			payload: { attachments: [voiceNote(), photo(), invoice()] },
		});
		expect(answer.items![0]).not.toHaveProperty('attachmentErrors');
		expect(downloads().map((request) => request.path)).toEqual(
			expect.arrayContaining([
				'/attachments/voice-note.ogg',
				'/attachments/photo.jpg',
				'/attachments/invoice.pdf',
			]),
		);
	});

	it("Callbell's delivery is answered before the downloads, so it never waits on them", async () => {
		// The real file, 600 ms late.
		emulator.injectFault({ method: 'GET', path: '/attachments/voice-note.ogg', delayMs: 600 });
		const node = await trigger();
		const delivery = node.deliver({ body: messageFromJane({ attachments: [voiceNote()] }) });
		let downloaded = false;
		void delivery.done.then(() => (downloaded = true));
		expect((await delivery.answered).status).toBe(200);
		expect(downloaded).toBe(false);
		const done = await delivery.done;
		expect(done.items![0]).not.toHaveProperty('attachmentErrors');
		expect(done.binaries![0]).toHaveProperty('attachment_0');
	});

	it('off by default: nothing is downloaded and the item is as before', async () => {
		const node = await callbellTrigger({}, { baseUrl: emulator.baseUrl });
		const answer = await node.receive({ body: messageFromJane({ attachments: [photo()] }) });
		expect(answer.binaries).toEqual([{}]);
		expect(downloads()).toEqual([]);
	});

	it('in a test ("listen for test event") as in production', async () => {
		const node = await trigger();
		const answer = await node.receive({ body: messageFromJane({ attachments: [photo()] }) }, true);
		expect(answer.binaries![0]).toHaveProperty('attachment_0.mimeType', 'image/jpeg');
	});
});

describe('a download that does not work loses nothing else', () => {
	it('larger than Max Attachment Size: not downloaded, listed in attachmentErrors; the others are there', async () => {
		const large = `${emulator.url}/attachments/sized/200000.bin`;
		const node = await trigger({ maxAttachmentMb: 0.1 });
		const answer = await node.receive({ body: messageFromJane({ attachments: [large, photo()] }) });
		expect(answer.items![0].attachmentErrors).toEqual([
			{ url: large, reason: expect.stringMatching(/larger than the limit of 0\.1 MB/) },
		]);
		expect(Object.keys(answer.binaries![0])).toEqual(['attachment_1']);
	});

	it("the file's server refusing it (500): the status as the reason", async () => {
		emulator.injectFault({ method: 'GET', path: '/attachments/photo.jpg', status: 500 });
		const node = await trigger();
		const answer = await node.receive({ body: messageFromJane({ attachments: [photo()] }) });
		expect(answer.items![0].attachmentErrors).toEqual([
			{ url: photo(), reason: 'the server answered 500' },
		]);
		expect(answer.binaries).toEqual([{}]);
	});

	it('slower than Attachment Timeout: given up after it', async () => {
		emulator.injectFault({ method: 'GET', path: '/attachments/invoice.pdf', delayMs: 3000 });
		const node = await trigger({ attachmentTimeoutSeconds: 1 });
		const answer = await node.receive({ body: messageFromJane({ attachments: [invoice()] }) });
		expect(answer.items![0].attachmentErrors).toEqual([
			{ url: invoice(), reason: 'no complete answer within 1 s' },
		]);
	});

	it('a link that is not one: the reason, nothing requested', async () => {
		const node = await trigger();
		const answer = await node.receive({
			body: messageFromJane({ attachments: ['ftp://files.example.com/a.pdf'] }),
		});
		expect(answer.items![0].attachmentErrors).toEqual([
			{ url: 'ftp://files.example.com/a.pdf', reason: 'not an http(s) link' },
		]);
		expect(downloads()).toEqual([]);
	});

	it('Output Payload Only: attachmentErrors beside the payload', async () => {
		emulator.injectFault({ method: 'GET', path: '/attachments/photo.jpg', status: 404 });
		const node = await trigger({ outputPayloadOnly: true });
		const answer = await node.receive({ body: messageFromJane({ attachments: [photo()] }) });
		expect(answer.items![0]).toMatchObject({
			text: expect.any(String),
			attachmentErrors: [{ url: photo(), reason: 'the server answered 404' }],
		});
	});
});

describe('the API token', () => {
	it("goes only to the credential's API host: a file on another host is fetched without it", async () => {
		const elsewhere = await startEmulator();
		try {
			const node = await trigger();
			const answer = await node.receive({
				body: messageFromJane({
					attachments: [elsewhere.attachmentUrl('photo.jpg'), photo()],
				}),
			});
			expect(Object.keys(answer.binaries![0])).toEqual(['attachment_0', 'attachment_1']);
			const foreign = elsewhere.requests.filter(
				(request) => request.path === '/attachments/photo.jpg',
			);
			expect(foreign).toHaveLength(1);
			expect(foreign[0].headers).not.toHaveProperty('authorization');
			expect(JSON.stringify(foreign[0].headers)).not.toContain(TEST_TOKEN);
		} finally {
			await elsewhere.close();
		}
	});
});

describe('with Burst Window', () => {
	it("one item with every message's attachments, in arrival order", async () => {
		const node = await trigger({ burstWindowSeconds: 0.3 });
		const first = node.deliver({
			body: messageFromJane({ text: 'look', attachments: [photo()] }),
		});
		const second = node.deliver({
			body: messageFromJane({ text: '', attachments: [voiceNote()] }),
		});
		const [opened, joined] = await Promise.all([first.done, second.done]);
		expect(joined.items).toBeUndefined();
		expect(opened.items![0]).toMatchObject({
			payload: { text: 'look', attachments: [photo(), voiceNote()] },
		});
		expect(opened.binaries![0]).toMatchObject({
			attachment_0: { mimeType: 'image/jpeg' },
			attachment_1: { mimeType: 'audio/ogg' },
		});
	});
});
