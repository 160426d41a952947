/**
 * Channel → Get Many, run through n8n's real engine against the emulator (one channel a page, so
 * that paging shows): Return All and Limit, the Type and Active filters as Callbell's query.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { runOperation, useEmulator, type OperationRun } from '../stories';

const WHATSAPP = IDS.channels.whatsapp;
const INSTAGRAM = IDS.channels.instagram;
const TELEGRAM = 'c0ffee00c0ffee00c0ffee00c0ffee03';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runChannel = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'channel', operation, run);

/** A third channel, discarded, so that the type and active filters have something to leave out. */
function addDiscardedTelegram(): void {
	emulator.state.channels.push({
		uuid: TELEGRAM,
		title: 'Old Telegram',
		type: 'telegram',
		main: false,
		discardedAt: '2026-01-01T00:00:00.000Z',
	});
}

describe('Channel → Get Many', () => {
	it('Return All reads every page, one item per channel', async () => {
		addDiscardedTelegram();
		const result = await runChannel('getAll', { parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('GET', '/v1/channels').map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
			{ page: '3' },
		]);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[WHATSAPP, { item: 0 }],
			[INSTAGRAM, { item: 0 }],
			[TELEGRAM, { item: 0 }],
		]);
		expect(result.items[0].json).toEqual({
			uuid: WHATSAPP,
			title: 'WhatsApp Sales',
			type: 'whatsapp',
			main: true,
			discardedAt: null,
		});
	});

	it('Limit stops asking once it has enough', async () => {
		addDiscardedTelegram();
		const result = await runChannel('getAll', { parameters: { returnAll: false, limit: 2 } });
		expect(result.items.map((item) => item.json.uuid)).toEqual([WHATSAPP, INSTAGRAM]);
		expect(emulator.requestsTo('GET', '/v1/channels')).toHaveLength(2);
	});

	it.each([
		[{ type: 'instagram' }, { type: 'instagram' }, [INSTAGRAM]],
		[{ active: true }, { active: 'true' }, [WHATSAPP, INSTAGRAM]],
		[{ active: false }, { active: 'false' }, [TELEGRAM]],
		[{ type: 'telegram', active: true }, { type: 'telegram', active: 'true' }, []],
	])('filters %j are sent as the query %j', async (filters, query, uuids) => {
		addDiscardedTelegram();
		const result = await runChannel('getAll', { parameters: { returnAll: true, filters } });
		expect(emulator.requestsTo('GET', '/v1/channels')[0].query).toEqual(query);
		expect(result.items.map((item) => item.json.uuid)).toEqual(uuids);
	});

	it.each([
		[
			'an Active filter that is not true or false',
			{ active: 'yes' },
			'Active must be true or false, got "yes" [item 0]',
		],
		[
			'a Type that is not a channel type',
			{ type: 'whats app' },
			'Type must be a channel type such as whatsapp, instagram, facebook, telegram, got "whats app" [item 0]',
		],
	])('%s: refused before any request', async (_label, filters, message) => {
		const result = await runChannel('getAll', { parameters: { returnAll: true, filters } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('a Limit of 0 from an expression is refused before any request', async () => {
		const result = await runChannel('getAll', {
			parameters: { returnAll: false, limit: '={{ 0 }}' },
		});
		expect(result.error?.message).toBe('Limit must be a whole number from 1, got "0" [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});
