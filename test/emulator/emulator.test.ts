/** The emulator behaves like Callbell: auth, validation, pagination, rate limit, faults, every endpoint. */
import { request } from 'undici';

import { startEmulator, type CallbellEmulator } from './index';
import { IDS, TEST_TOKEN } from './seed';

let emulator: CallbellEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ pageSize: 2, allowLocalWebhookUrls: true });
});
beforeEach(() => emulator.reset());
afterAll(async () => await emulator.close());

async function call(method: string, path: string, body?: unknown, token = TEST_TOKEN) {
	const response = await request(`${emulator.url}${path}`, {
		method: method as 'GET',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.body.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.statusCode, headers: response.headers, json };
}

const JANE = `/v1/contacts/${IDS.contacts.jane}`;

describe('auth, bodies and routing', () => {
	it('needs the Bearer token', async () => {
		expect(await call('GET', '/v1/auth/me', undefined, 'wrong')).toMatchObject({ status: 401, json: { error: 'Invalid API token' } });
		expect((await call('GET', '/v1/auth/me')).json).toEqual({ status: 'ok', user_email: 'alice@example.com', user_name: 'Alice Agent', api_key: 'n8n integration' });
	});

	it('refuses broken JSON and unknown routes', async () => {
		expect(await call('PATCH', JANE, '{oops')).toMatchObject({ status: 400, json: { error: 'Invalid JSON body' } });
		expect(await call('GET', '/v1/nothing')).toMatchObject({ status: 404, json: { error: 'Not found' } });
	});

	it('never decodes an id into another route', async () => {
		expect(await call('PATCH', '/v1/contacts/..%2Fauth%2Fme', { name: 'x' })).toMatchObject({ status: 404, json: { error: 'Contact not found' } });
		expect(await call('GET', '/v1/contacts/x%3Fy%3D1')).toMatchObject({ status: 404 });
	});

	it('records every request, rejected ones too', async () => {
		await call('GET', '/v1/teams', undefined, 'wrong');
		await call('PATCH', JANE, { name: 'J' });
		expect(emulator.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/v1/teams', 401],
			['PATCH', JANE, 200],
		]);
		expect(emulator.requestsTo('PATCH', /contacts/)[0].body).toEqual({ name: 'J' });
	});
});

describe('PATCH /contacts/:uuid', () => {
	it('applies every field: tags replace, custom fields merge', async () => {
		const { status, json } = await call('PATCH', JANE, {
			name: 'Jane D', tags: ['VIP', 'newsletter'], custom_fields: { Plan: 'Pro', Interests: ['Telegram'], Budget: '12.5', Birthday: '1990-02-28', 'Work Email': 'j@x.io' },
			assigned_user: 'bob@example.com', team_uuid: IDS.teams.support, bot_status: 'bot_start', note: 'n',
		});
		expect(status).toBe(200);
		expect(json.contact).toMatchObject({
			name: 'Jane D', tags: ['vip', 'Newsletter'], assignedUser: 'bob@example.com', note: 'n',
			customFields: { Company: 'Acme', Plan: 'Pro', Interests: ['Telegram'], Budget: '12.5' },
			team: { uuid: IDS.teams.support, name: 'Support' },
			href: `https://dash.callbell.eu/contacts/${IDS.contacts.jane}`,
		});
		expect((await call('GET', `${JANE}/bot`)).json.bot.status).toBe('started');
		expect((await call('PATCH', JANE, { unassign_user: true, note: '' })).json.contact).toMatchObject({ assignedUser: null, note: '' });
	});

	it('answers 422 with every problem', async () => {
		const { status, json } = await call('PATCH', JANE, {
			tags: ['nope'], custom_fields: { Nope: 'x', Plan: 'Gold', Interests: ['Fax'], Budget: 'ten', Birthday: '2026-02-30', 'Work Email': 'no', Company: 3 },
			assigned_user: 'x@y.z', team_uuid: 'f'.repeat(32), bot_status: 'go', note: 'a'.repeat(1001), color: 'red',
		});
		expect(status).toBe(422);
		expect(json.errors).toEqual([
			'Tag "nope" does not exist',
			'Custom field "Nope" does not exist',
			'"Gold" is not an option of custom field "Plan" (Free, Pro, Enterprise)',
			'"Fax" is not an option of custom field "Interests" (WhatsApp, Instagram, Telegram)',
			'Custom field "Budget" expects a number',
			'Custom field "Birthday" expects a date (YYYY-MM-DD)',
			'Custom field "Work Email" expects an email address',
			'Custom field "Company" expects a string',
			'User "x@y.z" is not a collaborator of this account',
			`Team "${'f'.repeat(32)}" does not exist`,
			'bot_status must be bot_start or bot_end',
			'Note is too long (maximum is 1000 characters)',
			'Unknown parameter "color"',
		]);
	});

	it('answers both documented shapes', async () => {
		const arrayShaped = await startEmulator({ contactResponseShape: 'array' });
		try {
			const response = await request(`${arrayShaped.baseUrl}/contacts/${IDS.contacts.jane}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
			const json = (await response.body.json()) as { contact: unknown[] };
			expect(Array.isArray(json.contact)).toBe(true);
		} finally {
			await arrayShaped.close();
		}
	});
});

describe('lists and pagination', () => {
	it('follows the cursor to the end, with the same filters', async () => {
		const first = await call('GET', '/v1/contacts');
		expect(first.json.contacts).toHaveLength(2);
		const second = await call('GET', `/v1/contacts?after=${first.json.meta.next}`);
		expect(second.json.contacts).toHaveLength(1);
		expect(second.json.meta.next).toBeNull();
		expect((await call('GET', '/v1/contacts?after=garbage')).json).toEqual({ error: 'Invalid pagination cursor' });
		expect((await call('GET', '/v1/contacts?page=501')).json).toEqual({ error: 'Pagination limit exceeded' });
		expect((await call('GET', '/v1/contacts?page=2')).json.meta).toEqual({ page: 2, pages: 2, next: null });
	});

	it('filters by source, tags (all of them, any case) and team', async () => {
		const names = async (query: string) => (await call('GET', `/v1/contacts?${query}`)).json.contacts.map((c: { name: string }) => c.name);
		expect(await names('source=instagram')).toEqual(['John Smith']);
		expect(await names('tags=VIP,customer')).toEqual(['Maria Rossi']);
		expect(await names(`team_uuid=${IDS.teams.sales}`)).toEqual(['Jane Doe']);
		const typed = await call('GET', `${JANE}?include_field_types=true`);
		expect(typed.json.contact.customFieldsMetadata.Plan).toEqual({ value: null, type: 'dropdown', options: ['Free', 'Pro', 'Enterprise'] });
	});
});

describe('rate limit and faults', () => {
	it('answers 429 with Retry-After above the limit', async () => {
		const limited = await startEmulator({ rateLimitPerSecond: 5 });
		try {
			const statuses: number[] = [];
			for (let index = 0; index < 7; index++) {
				const response = await request(`${limited.baseUrl}/teams`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
				await response.body.text();
				statuses.push(response.statusCode);
				if (response.statusCode === 429) expect(response.headers['retry-after']).toBe('1');
			}
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
		} finally {
			await limited.close();
		}
	});

	it('injects faults by method and path, a given number of times', async () => {
		emulator.injectFault({ method: 'PATCH', path: /^\/v1\/contacts\//, status: 503, body: 'down', times: 2 });
		expect(await call('GET', JANE)).toMatchObject({ status: 200 });
		expect(await call('PATCH', JANE, { name: 'x' })).toMatchObject({ status: 503, json: 'down' });
		expect(await call('PATCH', JANE, { name: 'x' })).toMatchObject({ status: 503 });
		expect(await call('PATCH', JANE, { name: 'x' })).toMatchObject({ status: 200 });
	});

	it('can drop the connection and be driven over HTTP', async () => {
		await request(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ status: 500, pathRegex: '^/v1/plan$', dropConnection: true }) });
		await expect(call('GET', '/v1/plan')).rejects.toThrow();
		expect((await call('GET', '/v1/plan')).json).toMatchObject({ plan: 'Pro', licenses: 5 });
		const recorded = await request(`${emulator.url}/__emulator/requests`);
		expect(((await recorded.body.json()) as unknown[]).length).toBe(2);
	});
});

describe('every other endpoint', () => {
	it('contacts: create, find by phone, delete', async () => {
		const created = await call('POST', '/v1/contacts', { identifier: '+4912345', source: 'whatsapp', name: 'Neo', tags: ['lead'] });
		expect(created.status).toBe(201);
		expect(created.json.contact).toMatchObject({ name: 'Neo', phoneNumber: '+4912345', tags: ['lead'], channel: { uuid: IDS.channels.whatsapp } });
		expect((await call('POST', '/v1/contacts', { identifier: '+4912345', source: 'whatsapp', name: 'Neo' })).json).toEqual({ errors: ['Contact already exists'] });
		expect((await call('POST', '/v1/contacts', { name: 'x' })).json).toEqual({ errors: ['identifier is required', 'source is required'] });
		expect((await call('GET', '/v1/contacts/phone/%2B4912345')).json.contact.name).toBe('Neo');
		expect((await call('GET', '/v1/contacts/bsuid/none')).status).toBe(404);
		expect((await call('DELETE', `/v1/contacts/${created.json.contact.uuid}`)).json).toEqual({ status: 'ok' });
		expect((await call('GET', `/v1/contacts/${created.json.contact.uuid}`)).status).toBe(404);
	});

	it('conversation and bot', async () => {
		expect((await call('POST', `${JANE}/conversation/close`)).json.contact.closedAt).not.toBeNull();
		expect((await call('POST', `${JANE}/conversation/open`)).json.contact.closedAt).toBeNull();
		expect((await call('POST', `${JANE}/conversation/note`, { text: 'hi @alice' })).json).toEqual({ success: true });
		expect((await call('PUT', `${JANE}/conversation/update_funnel`, { funnel_id: IDS.funnels.qualified })).json.contact.funnelId).toBe(IDS.funnels.qualified);
		expect((await call('PUT', `${JANE}/conversation/update_funnel`, { funnel_id: 'x' })).status).toBe(422);
		expect((await call('POST', `${JANE}/bot`, { status: 'bot_end' })).json.bot.status).toBe('ended');
		expect((await call('GET', `${JANE}/messages`)).json.messages[0]).toMatchObject({ text: 'hi @alice', status: 'note' });
	});

	it('messages: send, status, delete, validation', async () => {
		const sent = await call('POST', '/v1/messages/send', { to: '+391234567890', from: 'whatsapp', type: 'text', content: { text: 'Hello' }, fields: 'contact', metadata: { crm: '42' } });
		expect(sent.json.message).toMatchObject({ status: 'enqueued', contact: { uuid: IDS.contacts.jane } });
		expect((await call('GET', `/v1/messages/status/${sent.json.message.uuid}`)).json.message).toMatchObject({ status: 'enqueued', metadata: { crm: '42' } });
		expect((await call('DELETE', `/v1/messages/${sent.json.message.uuid}`)).status).toBe(204);
		const bad = await call('POST', '/v1/messages/send', { from: 'fax', type: 'image', content: { url: 'nope' }, template_uuid: IDS.templates.welcome, metadata: { ['k'.repeat(51)]: 'v' } });
		expect(bad.json.errors).toEqual([
			'to or bsuid is required',
			'from must be a channel type (whatsapp, instagram, facebook, telegram)',
			'content.url must be a web address for image messages',
			'optin_contact must be true when sending a template',
			`metadata key "${'k'.repeat(51)}" is longer than 50 characters`,
		]);
	});

	it('channels, teams, members, templates, funnels, plan', async () => {
		expect((await call('GET', '/v1/channels?type=instagram')).json.channels).toHaveLength(1);
		expect((await call('PATCH', `/v1/channels/${IDS.channels.whatsapp}`, { title: 'WA' })).json.channel.title).toBe('WA');
		expect((await call('GET', '/v1/teams')).json.teams.map((t: { name: string }) => t.name)).toEqual(['Sales', 'Support']);
		expect((await call('PATCH', `/v1/teams/${IDS.teams.sales}`, { name: 'Deals' })).json.team.name).toBe('Deals');
		expect((await call('GET', `/v1/teams/${IDS.teams.support}/members?status=away`)).json.users).toEqual([
			expect.objectContaining({ email: 'bob@example.com', available: false }),
		]);
		expect((await call('PATCH', `/v1/templates/${IDS.templates.welcome}`, { title: 'Hi' })).json.templates.title).toBe('Hi');
		expect((await call('GET', `/v1/templates/${IDS.templates.welcome}`)).json.template.title).toBe('Hi');
		expect((await call('GET', '/v1/funnels')).json.funnels).toHaveLength(2);
		expect((await call('GET', '/v1/plan')).json).toMatchObject({ plan: 'Pro', activeUsers: 1 });
	});

	it('custom statuses and collaborator status', async () => {
		const created = await call('POST', '/v1/custom_statuses', { name: 'Lunch', emoji: '🥪' });
		const id = created.json.customStatus.id;
		expect((await call('PUT', `/v1/custom_statuses/${id}`, { name: 'Late lunch' })).json.customStatus.name).toBe('Late lunch');
		expect((await call('PUT', `/v1/users/${IDS.users.bob}/status`, { available: true, custom_status_uuid: id })).json.user_status).toMatchObject({ appearance: 'available', custom_status: { id } });
		expect((await call('DELETE', `/v1/users/${IDS.users.bob}/status`)).status).toBe(204);
		expect((await call('GET', '/v1/custom_statuses')).json.customStatuses).toHaveLength(1);
		expect((await call('DELETE', `/v1/custom_statuses/${id}`)).json).toEqual({ status: 'ok' });
		expect((await call('GET', `/v1/custom_statuses/${id}`)).status).toBe(404);
	});

	it('webhooks: one per account, refuses localhost by default, delivers and logs events', async () => {
		const strict = await startEmulator();
		try {
			const response = await request(`${strict.baseUrl}/webhooks/subscribe`, {
				method: 'POST',
				headers: { authorization: `Bearer ${TEST_TOKEN}` },
				body: JSON.stringify({ url: 'http://localhost:5678/webhook', subscriptions: ['contact_created'] }),
			});
			expect(await response.body.json()).toEqual({ errors: ['Webhook URLs on localhost are not allowed'] });
		} finally {
			await strict.close();
		}

		const receiver = await startEmulator();
		try {
			const url = `${receiver.url}/hook`;
			expect((await call('POST', '/v1/webhooks/subscribe', { url, subscriptions: ['contact_updated', 'nope'] })).json).toEqual({ errors: ['Unknown event "nope"'] });
			expect((await call('POST', '/v1/webhooks/subscribe', { url, subscriptions: ['contact_updated'] })).json.webhook).toMatchObject({ url, enabled: true });
			expect(await emulator.emitWebhookEvent('contact_created', {})).toEqual({ status: 0, body: 'not subscribed' });
			expect((await emulator.emitWebhookEvent('contact_updated', { uuid: 'x' })).status).toBe(404);
			expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: '/hook', body: { event: 'contact_updated', payload: { uuid: 'x' } } });
			expect((await call('GET', '/v1/webhooks/events?status=failed')).json.webhook_events).toEqual([
				expect.objectContaining({ event: 'contact_updated', success: false }),
			]);
			expect((await call('DELETE', '/v1/webhooks/unsubscribe')).json).toEqual({ status: 'ok' });
		} finally {
			await receiver.close();
		}
	});
});
