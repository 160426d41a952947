/**
 * Channel → Get, Get Many and Update, and Funnel → Get Many, run through n8n's real engine
 * against the emulator (one channel a page, so that paging shows): what Callbell received, what
 * came out.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { useEmulator } from '../stories';
import { byId, failure, fromList, itemsOf, MISSING, runOperation, viaExpression, type ObjectRun } from './objects';

const WHATSAPP = IDS.channels.whatsapp;
const INSTAGRAM = IDS.channels.instagram;
const TELEGRAM = 'c0ffee00c0ffee00c0ffee00c0ffee03';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runChannel = (operation: string, run: ObjectRun = {}) => runOperation(emulator, 'channel', operation, run);
const channelTitle = (uuid: string) => emulator.state.channels.find((channel) => channel.uuid === uuid)?.title;

/** A third channel, discarded, so that the type and active filters have something to leave out. */
function addDiscardedTelegram(): void {
	emulator.state.channels.push({ uuid: TELEGRAM, title: 'Old Telegram', type: 'telegram', main: false, discardedAt: '2026-01-01T00:00:00.000Z' });
}

describe('Channel → Get', () => {
	it('from the list: GET /channels/:uuid, outputs the channel itself', async () => {
		const result = await runChannel('get', { parameters: { channelId: fromList(INSTAGRAM) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([['GET', `/v1/channels/${INSTAGRAM}`]]);
		expect(itemsOf(result)).toEqual([
			[{ uuid: INSTAGRAM, title: 'Instagram', type: 'instagram', main: false, discardedAt: null }, { item: 0 }],
		]);
	});

	it('one channel per input item, by id from an expression, paired in order', async () => {
		const result = await runChannel('get', {
			items: [{ channel: INSTAGRAM }, { channel: ` ${WHATSAPP.toUpperCase()} ` }],
			parameters: { channelId: byId('={{ $json.channel }}') },
		});
		expect(emulator.requests.map((request) => request.path).sort()).toEqual([`/v1/channels/${WHATSAPP}`, `/v1/channels/${INSTAGRAM}`].sort());
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[INSTAGRAM, { item: 0 }],
			[WHATSAPP, { item: 1 }],
		]);
	});

	it('an unknown channel: a 404 that names the channel field', async () => {
		const result = await runChannel('get', { parameters: { channelId: byId(MISSING) } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Channel not found [item 0]');
		expect(failure(result)?.httpCode).toBe('404');
		expect(failure(result)?.description).toBe(`No channel with the id ${MISSING} exists in this Callbell account. Check the Channel field.`);
	});

	it.each([
		['a title instead of an id', byId(viaExpression('Instagram')), 'Channel must be a Callbell id of 32 hexadecimal characters, got "Instagram" [item 0]'],
		['nothing', byId(viaExpression('')), 'Channel is empty [item 0]'],
	])('%s: refused before any request', async (_label, channelId, message) => {
		const result = await runChannel('get', { parameters: { channelId } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Channel → Get Many', () => {
	it('Return All reads every page, one item per channel', async () => {
		addDiscardedTelegram();
		const result = await runChannel('getAll', { parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('GET', '/v1/channels').map((request) => request.query)).toEqual([{}, { page: '2' }, { page: '3' }]);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[WHATSAPP, { item: 0 }],
			[INSTAGRAM, { item: 0 }],
			[TELEGRAM, { item: 0 }],
		]);
		expect(result.items[0].json).toEqual({ uuid: WHATSAPP, title: 'WhatsApp Sales', type: 'whatsapp', main: true, discardedAt: null });
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
		['an Active filter that is not true or false', { active: 'yes' }, 'Active must be true or false, got "yes" [item 0]'],
		['a Type that is not a channel type', { type: 'whats app' }, 'Type must be a channel type such as whatsapp, instagram, facebook, telegram, got "whats app" [item 0]'],
	])('%s: refused before any request', async (_label, filters, message) => {
		const result = await runChannel('getAll', { parameters: { returnAll: true, filters } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('a Limit of 0 from an expression is refused before any request', async () => {
		const result = await runChannel('getAll', { parameters: { returnAll: false, limit: '={{ 0 }}' } });
		expect(result.error?.message).toBe('Limit must be a whole number from 1, got "0" [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Channel → Update', () => {
	it('PATCH {title} only, outputs the renamed channel', async () => {
		const result = await runChannel('update', { parameters: { channelId: fromList(WHATSAPP), title: '  WhatsApp Support ' } });

		expect(result.error).toBeUndefined();
		const patches = emulator.requestsTo('PATCH', `/v1/channels/${WHATSAPP}`);
		expect(patches.map((request) => request.body)).toEqual([{ title: 'WhatsApp Support' }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([
			[{ uuid: WHATSAPP, title: 'WhatsApp Support', type: 'whatsapp', main: true, discardedAt: null }, { item: 0 }],
		]);
		expect(channelTitle(WHATSAPP)).toBe('WhatsApp Support');
	});

	it.each([
		['a blank title', '   ', 'Title is empty [item 0]'],
		['an object from an expression', '={{ { "title": "x" } }}', 'Title must be text, got "{"title":"x"}" [item 0]'],
	])('%s: refused before any request, nothing renamed', async (_label, title, message) => {
		const result = await runChannel('update', { parameters: { channelId: fromList(WHATSAPP), title } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(channelTitle(WHATSAPP)).toBe('WhatsApp Sales');
	});

	it('continue on fail: a 404 and a bad id become error items, paired; the others are renamed', async () => {
		const result = await runChannel('update', {
			continueOnFail: true,
			items: [{ id: WHATSAPP, title: 'WA' }, { id: MISSING, title: 'Lost' }, { id: 'nope', title: 'Never' }, { id: INSTAGRAM, title: 'IG' }],
			parameters: { channelId: byId('={{ $json.id }}'), title: '={{ $json.title }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.title ?? item.json.error, item.pairedItem])).toEqual([
			['WA', { item: 0 }],
			['Callbell answered 404: Channel not found [item 1]', { item: 1 }],
			['Channel must be a Callbell id of 32 hexadecimal characters, got "nope" [item 2]', { item: 2 }],
			['IG', { item: 3 }],
		]);
		expect(result.items[1].json.httpCode).toBe('404');
		expect(emulator.requestsTo('PATCH', /^\/v1\/channels\//).map((request) => request.path).sort()).toEqual(
			[`/v1/channels/${WHATSAPP}`, `/v1/channels/${MISSING}`, `/v1/channels/${INSTAGRAM}`].sort(),
		);
	});
});

describe('Funnel → Get Many', () => {
	it('Return All: every stage, one item each, in Callbell\'s order', async () => {
		const result = await runOperation(emulator, 'funnel', 'getAll', { parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.name, item.json.emoji, item.pairedItem])).toEqual([
			['New leads', '🌱', { item: 0 }],
			['Qualified', '🔥', { item: 0 }],
		]);
		expect(result.items[0].json).toEqual({
			uuid: IDS.funnels.newLeads,
			name: 'New leads',
			emoji: '🌱',
			position: 1,
			createdAt: expect.any(String),
		});
		// GET /funnels answers every stage without meta: the node asks for a page 2, sees nothing new, stops.
		expect(emulator.requestsTo('GET', '/v1/funnels').map((request) => request.query)).toEqual([{}, { page: '2' }]);
	});

	it('Limit 1: one request, one stage', async () => {
		const result = await runOperation(emulator, 'funnel', 'getAll', { parameters: { returnAll: false, limit: 1 } });
		expect(result.items.map((item) => item.json.uuid)).toEqual([IDS.funnels.newLeads]);
		expect(emulator.requestsTo('GET', '/v1/funnels')).toHaveLength(1);
	});

	it('a Callbell failure is a clear API error', async () => {
		emulator.injectFault({ method: 'GET', path: '/v1/funnels', status: 401, body: { error: 'Invalid API token' } });
		const result = await runOperation(emulator, 'funnel', 'getAll', { parameters: { returnAll: true } });
		expect(failure(result)?.message).toBe('Callbell answered 401: Invalid API token [item 0]');
	});
});
