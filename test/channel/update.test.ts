/**
 * Channel → Update, run through n8n's real engine against the emulator: the title Callbell
 * received, the renamed channel that came out, and the titles and ids refused.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import {
	byId,
	fromList,
	itemsOf,
	MISSING,
	runOperation,
	useEmulator,
	type OperationRun,
} from '../stories';

const WHATSAPP = IDS.channels.whatsapp;
const INSTAGRAM = IDS.channels.instagram;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runChannel = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'channel', operation, run);
const channelTitle = (uuid: string) =>
	emulator.state.channels.find((channel) => channel.uuid === uuid)?.title;

describe('Channel → Update', () => {
	it('PATCH {title} only, outputs the renamed channel', async () => {
		const result = await runChannel('update', {
			parameters: { channelId: fromList(WHATSAPP), title: '  WhatsApp Support ' },
		});

		expect(result.error).toBeUndefined();
		const patches = emulator.requestsTo('PATCH', `/v1/channels/${WHATSAPP}`);
		expect(patches.map((request) => request.body)).toEqual([{ title: 'WhatsApp Support' }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([
			[
				{
					uuid: WHATSAPP,
					title: 'WhatsApp Support',
					type: 'whatsapp',
					main: true,
					discardedAt: null,
				},
				{ item: 0 },
			],
		]);
		expect(channelTitle(WHATSAPP)).toBe('WhatsApp Support');
	});

	it.each([
		['a blank title', '   ', 'Title is empty [item 0]'],
		[
			'an object from an expression',
			'={{ { "title": "x" } }}',
			'Title must be text, got "{"title":"x"}" [item 0]',
		],
	])('%s: refused before any request, nothing renamed', async (_label, title, message) => {
		const result = await runChannel('update', {
			parameters: { channelId: fromList(WHATSAPP), title },
		});
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(channelTitle(WHATSAPP)).toBe('WhatsApp Sales');
	});

	it('continue on fail: a 404 and a bad id become error items, paired; the others are renamed', async () => {
		const result = await runChannel('update', {
			continueOnFail: true,
			items: [
				{ id: WHATSAPP, title: 'WA' },
				{ id: MISSING, title: 'Lost' },
				{ id: 'nope', title: 'Never' },
				{ id: INSTAGRAM, title: 'IG' },
			],
			parameters: { channelId: byId('={{ $json.id }}'), title: '={{ $json.title }}' },
		});

		expect(result.error).toBeUndefined();
		expect(
			result.items.map((item) => [item.json.title ?? item.json.error, item.pairedItem]),
		).toEqual([
			['WA', { item: 0 }],
			['Callbell answered 404: Channel not found [item 1]', { item: 1 }],
			[
				'Channel "nope" is not the id or the name of a channel of this account [item 2]',
				{ item: 2 },
			],
			['IG', { item: 3 }],
		]);
		expect(result.items[1].json.httpCode).toBe('404');
		expect(
			emulator
				.requestsTo('PATCH', /^\/v1\/channels\//)
				.map((request) => request.path)
				.sort(),
		).toEqual(
			[`/v1/channels/${WHATSAPP}`, `/v1/channels/${MISSING}`, `/v1/channels/${INSTAGRAM}`].sort(),
		);
	});
});
