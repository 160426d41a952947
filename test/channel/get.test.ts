/**
 * Channel → Get, run through n8n's real engine against the emulator: the channel picked or given
 * by id, one per item, and the ids refused or not found.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import {
	byId,
	failure,
	fromList,
	itemsOf,
	MISSING,
	runOperation,
	useEmulator,
	viaExpression,
	type OperationRun,
} from '../stories';

const WHATSAPP = IDS.channels.whatsapp;
const INSTAGRAM = IDS.channels.instagram;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runChannel = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'channel', operation, run);

describe('Channel → Get', () => {
	it('from the list: GET /channels/:uuid, outputs the channel itself', async () => {
		const result = await runChannel('get', { parameters: { channelId: fromList(INSTAGRAM) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `/v1/channels/${INSTAGRAM}`],
		]);
		expect(itemsOf(result)).toEqual([
			[
				{ uuid: INSTAGRAM, title: 'Instagram', type: 'instagram', main: false, discardedAt: null },
				{ item: 0 },
			],
		]);
	});

	it('one channel per input item, by id from an expression, paired in order', async () => {
		const result = await runChannel('get', {
			items: [{ channel: INSTAGRAM }, { channel: ` ${WHATSAPP.toUpperCase()} ` }],
			parameters: { channelId: byId('={{ $json.channel }}') },
		});
		expect(emulator.requests.map((request) => request.path).sort()).toEqual(
			[`/v1/channels/${WHATSAPP}`, `/v1/channels/${INSTAGRAM}`].sort(),
		);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[INSTAGRAM, { item: 0 }],
			[WHATSAPP, { item: 1 }],
		]);
	});

	it('an unknown channel: a 404 that names the channel field', async () => {
		const result = await runChannel('get', { parameters: { channelId: byId(MISSING) } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Channel not found [item 0]');
		expect(failure(result)?.httpCode).toBe('404');
		expect(failure(result)?.description).toBe(
			`No channel with the id ${MISSING} exists in this Callbell account. Check the Channel field.`,
		);
	});

	it.each([['nothing', byId(viaExpression('')), 'Channel is empty [item 0]']])(
		'%s: refused before any request',
		async (_label, channelId, message) => {
			const result = await runChannel('get', { parameters: { channelId } });
			expect(result.error?.message).toBe(message);
			expect(emulator.requests).toHaveLength(0);
		},
	);
});
