/** The emulator behaves like Callbell: auth, validation, pagination, rate limit, faults, every endpoint. */
import { request } from 'undici';

import { startEmulator, type CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';

let emulator: CallbellEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ pageSize: 2, allowLocalWebhookUrls: true });
});
beforeEach(() => emulator.reset());
afterAll(async () => await emulator.close());

async function callOn(
	target: CallbellEmulator,
	method: string,
	path: string,
	body?: unknown,
	token = TEST_TOKEN,
) {
	const response = await request(`${target.url}${path}`, {
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

const call = (method: string, path: string, body?: unknown, token?: string) =>
	callOn(emulator, method, path, body, token);

const JANE = `/v1/contacts/${IDS.contacts.jane}`;

describe('auth, bodies and routing', () => {
	it('needs the Bearer token', async () => {
		expect(await call('GET', '/v1/auth/me', undefined, 'wrong')).toMatchObject({
			status: 401,
			json: { error: 'Invalid API token' },
		});
		expect((await call('GET', '/v1/auth/me')).json).toEqual({
			status: 'ok',
			user_email: 'alice@example.com',
			user_name: 'Alice Agent',
			api_key: 'n8n integration',
		});
	});

	it('refuses broken JSON and unknown routes', async () => {
		expect(await call('PATCH', JANE, '{oops')).toMatchObject({
			status: 400,
			json: { error: 'Invalid JSON body' },
		});
		expect(await call('GET', '/v1/nothing')).toMatchObject({
			status: 404,
			json: { error: 'Not found' },
		});
	});

	it('never decodes an id into another route', async () => {
		expect(await call('PATCH', '/v1/contacts/..%2Fauth%2Fme', { name: 'x' })).toMatchObject({
			status: 404,
			json: { error: 'Contact not found' },
		});
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
			name: 'Jane D',
			tags: ['VIP', 'newsletter'],
			custom_fields: {
				Plan: 'Pro',
				Interests: ['Telegram'],
				Budget: '12.5',
				Birthday: '1990-02-28',
				'Work Email': 'j@x.io',
			},
			assigned_user: 'bob@example.com',
			team_uuid: IDS.teams.support,
			bot_status: 'bot_start',
			note: 'n',
		});
		expect(status).toBe(200);
		expect(json.contact).toMatchObject({
			name: 'Jane D',
			tags: ['vip', 'Newsletter'],
			assignedUser: 'bob@example.com',
			note: 'n',
			customFields: { Company: 'Acme', Plan: 'Pro', Interests: ['Telegram'], Budget: '12.5' },
			team: { uuid: IDS.teams.support, name: 'Support' },
			href: `https://dash.callbell.eu/contacts/${IDS.contacts.jane}`,
		});
		expect((await call('GET', `${JANE}/bot`)).json.bot.status).toBe('started');
		expect(
			(await call('PATCH', JANE, { unassign_user: true, note: '' })).json.contact,
		).toMatchObject({ assignedUser: null, note: '' });
	});

	it('answers 422 with every problem', async () => {
		const { status, json } = await call('PATCH', JANE, {
			tags: ['nope'],
			custom_fields: {
				Nope: 'x',
				Plan: 'Gold',
				Interests: ['Fax'],
				Budget: 'ten',
				Birthday: '2026-02-30',
				'Work Email': 'no',
				Company: 3,
			},
			assigned_user: 'x@y.z',
			team_uuid: 'f'.repeat(32),
			bot_status: 'go',
			note: 'a'.repeat(1001),
			color: 'red',
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
			const response = await request(`${arrayShaped.baseUrl}/contacts/${IDS.contacts.jane}`, {
				headers: { authorization: `Bearer ${TEST_TOKEN}` },
			});
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
		expect((await call('GET', '/v1/contacts?after=garbage')).json).toEqual({
			error: 'Invalid pagination cursor',
		});
		expect((await call('GET', '/v1/contacts?page=501')).json).toEqual({
			error: 'Pagination limit exceeded',
		});
		expect((await call('GET', '/v1/contacts?page=2')).json.meta).toEqual({
			page: 2,
			pages: 2,
			next: null,
		});
	});

	it('filters by source, tags (all of them, any case) and team', async () => {
		const names = async (query: string) =>
			(await call('GET', `/v1/contacts?${query}`)).json.contacts.map(
				(c: { name: string }) => c.name,
			);
		expect(await names('source=instagram')).toEqual(['John Smith']);
		expect(await names('tags=VIP,customer')).toEqual(['Maria Rossi']);
		expect(await names(`team_uuid=${IDS.teams.sales}`)).toEqual(['Jane Doe']);
		const typed = await call('GET', `${JANE}?include_field_types=true`);
		expect(typed.json.contact.customFieldsMetadata.Plan).toEqual({
			value: null,
			type: 'dropdown',
			options: ['Free', 'Pro', 'Enterprise'],
		});
	});
});

describe('rate limit and faults', () => {
	it('answers 429 with Retry-After above the limit', async () => {
		const limited = await startEmulator({ rateLimitPerSecond: 5 });
		try {
			const statuses: number[] = [];
			for (let index = 0; index < 7; index++) {
				const response = await request(`${limited.baseUrl}/teams`, {
					headers: { authorization: `Bearer ${TEST_TOKEN}` },
				});
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
		emulator.injectFault({
			method: 'PATCH',
			path: /^\/v1\/contacts\//,
			status: 503,
			body: 'down',
			times: 2,
		});
		expect(await call('GET', JANE)).toMatchObject({ status: 200 });
		expect(await call('PATCH', JANE, { name: 'x' })).toMatchObject({ status: 503, json: 'down' });
		expect(await call('PATCH', JANE, { name: 'x' })).toMatchObject({ status: 503 });
		expect(await call('PATCH', JANE, { name: 'x' })).toMatchObject({ status: 200 });
	});

	it('can drop the connection and be driven over HTTP', async () => {
		await request(`${emulator.url}/__emulator/faults`, {
			method: 'POST',
			body: JSON.stringify({ status: 500, pathRegex: '^/v1/plan$', dropConnection: true }),
		});
		await expect(call('GET', '/v1/plan')).rejects.toThrow();
		expect((await call('GET', '/v1/plan')).json).toMatchObject({ plan: 'Pro', licenses: 5 });
		const recorded = await request(`${emulator.url}/__emulator/requests`);
		expect(((await recorded.body.json()) as unknown[]).length).toBe(2);
	});

	it('a fault after handling: Callbell did the work, only its answer is lost', async () => {
		emulator.injectFault({
			method: 'PATCH',
			path: JANE,
			status: 502,
			body: 'Bad Gateway',
			afterHandling: true,
		});
		expect(await call('PATCH', JANE, { name: 'Jane R.' })).toMatchObject({
			status: 502,
			json: 'Bad Gateway',
		});
		expect((await call('GET', JANE)).json.contact.name).toBe('Jane R.');
		emulator.injectFault({
			method: 'PATCH',
			path: JANE,
			status: 200,
			dropConnection: true,
			afterHandling: true,
		});
		await expect(call('PATCH', JANE, { name: 'Jane S.' })).rejects.toThrow();
		expect((await call('GET', JANE)).json.contact.name).toBe('Jane S.');
	});

	it('summarizes the recorded requests for benchmarks: when each arrived and was answered, no headers or bodies', async () => {
		await call('PATCH', JANE, { name: 'x' });
		const summary = (await (
			await request(`${emulator.url}/__emulator/requests?summary=true`)
		).body.json()) as Array<Record<string, unknown>>;
		expect(summary).toEqual([
			{
				method: 'PATCH',
				path: JANE,
				status: 200,
				receivedAt: expect.any(Number),
				answeredAt: expect.any(Number),
			},
		]);
		expect(summary[0].answeredAt).toBeGreaterThanOrEqual(summary[0].receivedAt as number);
	});
});

describe('every other endpoint', () => {
	it('contacts: create, find by phone, delete', async () => {
		const created = await call('POST', '/v1/contacts', {
			identifier: '+4912345',
			source: 'whatsapp',
			name: 'Neo',
			tags: ['lead'],
		});
		expect(created.status).toBe(201);
		expect(created.json.contact).toMatchObject({
			name: 'Neo',
			phoneNumber: '+4912345',
			tags: ['lead'],
			channel: { uuid: IDS.channels.whatsapp },
		});
		expect(
			(
				await call('POST', '/v1/contacts', {
					identifier: '+4912345',
					source: 'whatsapp',
					name: 'Neo',
				})
			).json,
		).toEqual({ errors: ['Contact already exists'] });
		expect((await call('POST', '/v1/contacts', { name: 'x' })).json).toEqual({
			errors: ['identifier is required', 'source is required'],
		});
		expect((await call('GET', '/v1/contacts/phone/%2B4912345')).json.contact.name).toBe('Neo');
		expect((await call('GET', '/v1/contacts/bsuid/none')).status).toBe(404);
		expect((await call('DELETE', `/v1/contacts/${created.json.contact.uuid}`)).json).toEqual({
			status: 'ok',
		});
		expect((await call('GET', `/v1/contacts/${created.json.contact.uuid}`)).status).toBe(404);
	});

	it('conversation and bot', async () => {
		expect((await call('POST', `${JANE}/conversation/close`)).json.contact.closedAt).not.toBeNull();
		expect((await call('POST', `${JANE}/conversation/open`)).json.contact.closedAt).toBeNull();
		expect((await call('POST', `${JANE}/conversation/note`, { text: 'hi @alice' })).json).toEqual({
			success: true,
		});
		expect(
			(
				await call('PUT', `${JANE}/conversation/update_funnel`, {
					funnel_id: IDS.funnels.qualified,
				})
			).json.contact.funnelId,
		).toBe(IDS.funnels.qualified);
		expect(
			(await call('PUT', `${JANE}/conversation/update_funnel`, { funnel_id: 'x' })).status,
		).toBe(422);
		expect((await call('POST', `${JANE}/bot`, { status: 'bot_end' })).json.bot.status).toBe(
			'ended',
		);
		expect((await call('GET', `${JANE}/messages`)).json.messages[0]).toMatchObject({
			text: 'hi @alice',
			status: 'note',
		});
	});

	it('messages: send, status, delete, validation', async () => {
		const sent = await call('POST', '/v1/messages/send', {
			to: '+391234567890',
			from: 'whatsapp',
			type: 'text',
			content: { text: 'Hello' },
			fields: 'contact',
			metadata: { crm: '42' },
		});
		expect(sent.json.message).toMatchObject({
			status: 'enqueued',
			contact: { uuid: IDS.contacts.jane },
		});
		expect(
			(await call('GET', `/v1/messages/status/${sent.json.message.uuid}`)).json.message,
		).toMatchObject({ status: 'enqueued', metadata: { crm: '42' } });
		expect((await call('DELETE', `/v1/messages/${sent.json.message.uuid}`)).status).toBe(204);
		const bad = await call('POST', '/v1/messages/send', {
			from: 'fax',
			type: 'image',
			content: { url: 'nope' },
			template_uuid: IDS.templates.welcome,
			metadata: { ['k'.repeat(51)]: 'v' },
		});
		expect(bad.json.errors).toEqual([
			'to or bsuid is required',
			'from must be a channel type (whatsapp, instagram, facebook, telegram)',
			'content.url must be a web address for image messages',
			'optin_contact must be true when sending a template',
			`metadata key "${'k'.repeat(51)}" is longer than 50 characters`,
		]);
	});

	it('messages: a WhatsApp number is the same however written; a template is stored with its values filled in; each send is logged', async () => {
		const lines: string[] = [];
		const logged = await startEmulator({ log: (line) => lines.push(line) });
		try {
			const sent = await callOn(logged, 'POST', '/v1/messages/send', {
				to: '391234567890',
				from: 'whatsapp',
				type: 'text',
				content: { text: 'Jane' },
				template_uuid: IDS.templates.welcome,
				optin_contact: true,
				fields: 'contact',
			});
			expect(sent.json.message.contact.uuid).toBe(IDS.contacts.jane);
			expect(logged.state.messages.at(-1)).toMatchObject({
				contactUuid: IDS.contacts.jane,
				text: 'Hello Jane, thanks for reaching out!',
			});
			await callOn(logged, 'POST', '/v1/messages/send', {
				to: '+44 7700 900123',
				from: 'whatsapp',
				type: 'document',
				content: { url: 'https://example.com/a.pdf', text: 'Invoice' },
				fields: 'contact',
			});
			expect(logged.state.contacts.at(-1)).toMatchObject({ phoneNumber: '+447700900123' });
			expect(lines.filter((line) => line.startsWith('✉'))).toEqual([
				`✉ message to Jane Doe (+391234567890, whatsapp): template ${IDS.templates.welcome} ["Jane"]`,
				'✉ message to +447700900123 (+447700900123, whatsapp): document https://example.com/a.pdf "Invoice"',
			]);
		} finally {
			await logged.close();
		}
	});

	it('channels, teams, members, templates, funnels, plan', async () => {
		expect((await call('GET', '/v1/channels?type=instagram')).json.channels).toHaveLength(1);
		expect(
			(await call('PATCH', `/v1/channels/${IDS.channels.whatsapp}`, { title: 'WA' })).json.channel
				.title,
		).toBe('WA');
		expect(
			(await call('GET', '/v1/teams')).json.teams.map((t: { name: string }) => t.name),
		).toEqual(['Sales', 'Support']);
		expect(
			(await call('PATCH', `/v1/teams/${IDS.teams.sales}`, { name: 'Deals' })).json.team.name,
		).toBe('Deals');
		expect(
			(await call('GET', `/v1/teams/${IDS.teams.support}/members?status=away`)).json.users,
		).toEqual([expect.objectContaining({ email: 'bob@example.com', available: false })]);
		expect(
			(await call('PATCH', `/v1/templates/${IDS.templates.welcome}`, { title: 'Hi' })).json
				.templates.title,
		).toBe('Hi');
		expect((await call('GET', `/v1/templates/${IDS.templates.welcome}`)).json.template.title).toBe(
			'Hi',
		);
		expect((await call('GET', '/v1/funnels')).json.funnels).toHaveLength(2);
		expect((await call('GET', '/v1/plan')).json).toMatchObject({ plan: 'Pro', activeUsers: 1 });
	});

	it('custom statuses and collaborator status', async () => {
		const created = await call('POST', '/v1/custom_statuses', { name: 'Lunch', emoji: '🥪' });
		const id = created.json.customStatus.id;
		expect(
			(await call('PUT', `/v1/custom_statuses/${id}`, { name: 'Late lunch' })).json.customStatus
				.name,
		).toBe('Late lunch');
		expect(
			(
				await call('PUT', `/v1/users/${IDS.users.bob}/status`, {
					available: true,
					custom_status_uuid: id,
				})
			).json.user_status,
		).toMatchObject({ appearance: 'available', custom_status: { id } });
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
				body: JSON.stringify({
					url: 'http://localhost:5678/webhook',
					subscriptions: ['contact_created'],
				}),
			});
			expect(await response.body.json()).toEqual({
				errors: ['Webhook URLs on localhost are not allowed'],
			});
		} finally {
			await strict.close();
		}

		const receiver = await startEmulator();
		try {
			const url = `${receiver.url}/hook`;
			expect(
				(
					await call('POST', '/v1/webhooks/subscribe', {
						url,
						subscriptions: ['contact_updated', 'nope'],
					})
				).json,
			).toEqual({ errors: ['Unknown event "nope"'] });
			expect(
				(await call('POST', '/v1/webhooks/subscribe', { url, subscriptions: ['contact_updated'] }))
					.json.webhook,
			).toMatchObject({ url, enabled: true });
			expect(await emulator.emitWebhookEvent('contact_created', {})).toEqual({
				status: 0,
				body: 'not subscribed',
			});
			expect((await emulator.emitWebhookEvent('contact_updated', { uuid: 'x' })).status).toBe(404);
			expect(receiver.requests[0]).toMatchObject({
				method: 'POST',
				path: '/hook',
				body: { event: 'contact_updated', payload: { uuid: 'x' } },
			});
			expect((await call('GET', '/v1/webhooks/events?status=failed')).json.webhook_events).toEqual([
				expect.objectContaining({ event: 'contact_updated', success: false }),
			]);
			expect((await call('DELETE', '/v1/webhooks/unsubscribe')).json).toEqual({ status: 'ok' });
		} finally {
			await receiver.close();
		}
	});
});

describe('contacts by phone number and bsuid', () => {
	const MARIA = IDS.contacts.maria;
	const byPhone = async (number: string, query = '') =>
		call('GET', `/v1/contacts/phone/${number}${query}`);

	it('finds Maria by the digits of her number, however it is written', async () => {
		for (const number of [
			'393331112222',
			encodeURIComponent('+39 333 111 2222'),
			'39-333-1112222',
			'%2B393331112222',
		]) {
			const { status, json } = await byPhone(number);
			expect([number, status, json.contact.uuid]).toEqual([number, 200, MARIA]);
		}
	});

	it('looks in the main WhatsApp channel, or the channel asked for', async () => {
		expect(
			(await byPhone('393331112222', `?channel_uuid=${IDS.channels.whatsapp}`)).json.contact.uuid,
		).toBe(MARIA);
		expect(await byPhone('393331112222', `?channel_uuid=${IDS.channels.instagram}`)).toEqual(
			expect.objectContaining({ status: 404, json: { error: 'Contact not found' } }),
		);
		expect(await byPhone('393331112222', `?channel_uuid=${'f'.repeat(32)}`)).toEqual(
			expect.objectContaining({ status: 404, json: { error: 'Channel not found' } }),
		);
	});

	it('answers 404 for unknown numbers, numbers without digits and broken escapes', async () => {
		for (const number of ['393330000000', encodeURIComponent('+ -'), '%E0%A4%A']) {
			expect(await byPhone(number)).toEqual(
				expect.objectContaining({ status: 404, json: { error: 'Contact not found' } }),
			);
		}
	});

	it('finds Maria by her bsuid, also URL-encoded', async () => {
		expect(IDS.bsuids.maria).toBe('US.13491208655302741918');
		expect(
			(await call('GET', `/v1/contacts/bsuid/${IDS.bsuids.maria}`)).json.contact,
		).toMatchObject({ uuid: MARIA, bsuid: IDS.bsuids.maria });
		expect(
			(await call('GET', '/v1/contacts/bsuid/US%2E13491208655302741918')).json.contact.uuid,
		).toBe(MARIA);
		expect(await call('GET', '/v1/contacts/bsuid/US.00000000000000000000')).toEqual(
			expect.objectContaining({ status: 404, json: { error: 'Contact not found' } }),
		);
	});
});

describe('POST /contacts', () => {
	const create = (body: object) => call('POST', '/v1/contacts', { name: 'Neo', ...body });
	const byDigits = (digits: string) => call('GET', `/v1/contacts/phone/${digits}`);

	it('keeps a WhatsApp identifier as +digits, and a second contact with the same digits is refused', async () => {
		const created = await create({ source: 'whatsapp', identifier: '+39 333-123 4567' });
		expect(created.status).toBe(201);
		expect(created.json.contact).toMatchObject({
			phoneNumber: '+393331234567',
			source: 'whatsapp',
			channel: { uuid: IDS.channels.whatsapp },
		});
		expect((await byDigits('393331234567')).json.contact.uuid).toBe(created.json.contact.uuid);
		expect(await create({ source: 'whatsapp', identifier: '39 (333) 123-4567' })).toEqual(
			expect.objectContaining({ status: 422, json: { errors: ['Contact already exists'] } }),
		);
	});

	it('refuses a WhatsApp identifier that is not a phone number (6 to 15 digits)', async () => {
		// The Postman collection's own example (+1234567891232337) has 16 digits.
		for (const identifier of ['+12345', '+1234567891232337', 'jane.doe']) {
			expect([identifier, await create({ source: 'whatsapp', identifier })]).toEqual([
				identifier,
				expect.objectContaining({
					status: 422,
					json: { errors: ['identifier is not a valid phone number'] },
				}),
			]);
		}
		expect(
			(await create({ source: 'whatsapp', identifier: '123456' })).json.contact.phoneNumber,
		).toBe('+123456');
		expect(
			(await create({ source: 'whatsapp', identifier: '123456789012345' })).json.contact
				.phoneNumber,
		).toBe('+123456789012345');
	});

	it('puts the contact in the channel asked for, which must be of its network', async () => {
		const created = await create({
			source: 'instagram',
			identifier: '  neo.ig  ',
			channel_uuid: IDS.channels.instagram,
		});
		expect(created.json.contact).toMatchObject({
			phoneNumber: 'neo.ig',
			channel: { uuid: IDS.channels.instagram },
		});
		expect(await create({ source: 'instagram', identifier: 'neo.ig' })).toEqual(
			expect.objectContaining({ status: 422, json: { errors: ['Contact already exists'] } }),
		);
		expect(
			(
				await create({
					source: 'whatsapp',
					identifier: '+49 30 1234567',
					channel_uuid: IDS.channels.instagram,
					tags: ['nope'],
				})
			).json,
		).toEqual({
			errors: [
				'Tag "nope" does not exist',
				`Channel "${IDS.channels.instagram}" is not a whatsapp channel`,
			],
		});
		expect(
			(await create({ source: 'whatsapp', identifier: '+49', channel_uuid: 'f'.repeat(32) })).json,
		).toEqual({
			errors: [
				'identifier is not a valid phone number',
				`Channel "${'f'.repeat(32)}" does not exist`,
			],
		});
	});

	it("keeps other networks' identifiers as sent, trimmed, unique per network", async () => {
		expect((await create({ source: 'telegram', identifier: ' @neo ' })).json.contact).toMatchObject(
			{ phoneNumber: '@neo', source: 'telegram', channel: null },
		);
		expect((await create({ source: 'instagram', identifier: '@neo' })).status).toBe(201);
		expect((await create({ source: 'telegram', identifier: '@neo' })).json).toEqual({
			errors: ['Contact already exists'],
		});
	});
});

describe("Jane's messages", () => {
	it('come newest first, page by page', async () => {
		const first = await call('GET', `${JANE}/messages`);
		expect(first.json.meta).toEqual({ page: 1, pages: 2 });
		expect(first.json.messages.map((message: { uuid: string }) => message.uuid)).toEqual([
			IDS.messages.janeThanks,
			IDS.messages.agentAnswers,
		]);
		expect(first.json.messages[1]).toEqual({
			uuid: IDS.messages.agentAnswers,
			text: 'Yes! Telegram, WhatsApp and Instagram in one inbox.',
			status: 'sent',
			channel: IDS.channels.whatsapp,
			from: 'whatsapp',
			to: '+391234567890',
			createdAt: '2026-01-20T10:04:00.000Z',
		});
		expect(await call('GET', `${JANE}/messages?page=2`)).toEqual(
			expect.objectContaining({
				status: 200,
				json: {
					messages: [
						expect.objectContaining({
							uuid: IDS.messages.janeAsks,
							text: 'Hi, is the shared inbox available on Telegram?',
							status: 'received',
						}),
					],
					meta: { page: 2, pages: 2 },
				},
			}),
		);
		expect((await call('GET', `/v1/contacts/${IDS.contacts.john}/messages`)).json).toEqual({
			messages: [],
			meta: { page: 1, pages: 1 },
		});
	});
});

describe('a conversation seeded at chosen times (POST /__emulator/messages)', () => {
	const seed = async (body: object) => {
		const response = await fetch(`${emulator.url}/__emulator/messages`, {
			method: 'POST',
			body: JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as any };
	};
	const hoursBefore = (iso: string) => (Date.now() - Date.parse(iso)) / 3_600_000;

	it('Maria wrote 30 hours ago and 2 hours ago, the agent answered in between: listed newest first', async () => {
		const maria = IDS.contacts.maria;
		const recent = await seed({ contact: maria, hoursAgo: 2, text: 'Still there?' });
		const old = await seed({ contact: maria, hoursAgo: 30, text: 'Hello' });
		await seed({ contact: maria, hoursAgo: 29, direction: 'sent', text: 'Hi Maria!' });

		expect(recent).toEqual({
			status: 201,
			json: {
				message: expect.objectContaining({
					text: 'Still there?',
					status: 'received',
					from: '+393331112222',
					to: 'whatsapp',
				}),
			},
		});
		expect(hoursBefore(recent.json.message.createdAt)).toBeCloseTo(2, 2);
		expect(hoursBefore(old.json.message.createdAt)).toBeCloseTo(30, 2);
		const listed = await call('GET', `/v1/contacts/${maria}/messages`);
		expect(listed.json.messages.map((message: any) => [message.status, message.text])).toEqual([
			['received', 'Still there?'],
			['sent', 'Hi Maria!'],
		]);
		expect(
			(await call('GET', `/v1/contacts/${maria}/messages?page=2`)).json.messages[0],
		).toMatchObject({ status: 'received', text: 'Hello' });
	});

	it('at a time given as createdAt, before the seeded conversation; no webhook, nothing recorded', async () => {
		const answer = await seed({ contact: IDS.contacts.jane, createdAt: '2026-01-19T08:00:00Z' });
		expect(answer.json.message).toMatchObject({
			createdAt: '2026-01-19T08:00:00.000Z',
			status: 'received',
			text: 'Hi!',
		});
		const jane = emulator.state.messages.filter(
			(message) => message.contactUuid === IDS.contacts.jane,
		);
		expect(jane[0].createdAt).toBe('2026-01-19T08:00:00.000Z');
		expect(emulator.requests).toEqual([]);
	});

	it('in-process too, and the input is checked', async () => {
		const message = emulator.seedMessage({ contact: IDS.contacts.john, hoursAgo: 1 });
		expect(message).toMatchObject({ contactUuid: IDS.contacts.john, direction: 'received' });
		expect(await seed({ contact: IDS.contacts.jane, direction: 'lost', hoursAgo: 'two' })).toEqual({
			status: 422,
			json: {
				errors: ['direction must be one of received, sent, note', 'hoursAgo must be a number'],
			},
		});
		expect((await seed({ contact: 'nobody', hoursAgo: 1 })).status).toBe(404);
	});
});

describe('funnels', () => {
	it('lists the funnels, and a conversation moves only to one of them', async () => {
		expect(await call('GET', '/v1/funnels')).toEqual(
			expect.objectContaining({
				status: 200,
				json: {
					funnels: [
						{
							uuid: IDS.funnels.newLeads,
							name: 'New leads',
							emoji: '🌱',
							position: 1,
							createdAt: '2026-01-15T09:30:00.000Z',
						},
						{
							uuid: IDS.funnels.qualified,
							name: 'Qualified',
							emoji: '🔥',
							position: 2,
							createdAt: '2026-01-15T09:30:00.000Z',
						},
					],
				},
			}),
		);
		const move = (body: object) => call('PUT', `${JANE}/conversation/update_funnel`, body);
		expect(await move({})).toEqual(
			expect.objectContaining({ status: 422, json: { errors: ['funnel_id is required'] } }),
		);
		expect(await move({ funnel_id: 'f'.repeat(32) })).toEqual(
			expect.objectContaining({
				status: 422,
				json: { errors: [`Funnel "${'f'.repeat(32)}" does not exist`] },
			}),
		);
		expect((await call('GET', JANE)).json.contact.funnelId).toBe(IDS.funnels.newLeads);
	});
});

describe('an account with 1,200 more contacts', () => {
	let crowded: CallbellEmulator;
	beforeAll(async () => {
		crowded = await startEmulator({ extraContacts: 1200 });
	});
	afterAll(async () => await crowded.close());

	const generatedUuid = (n: number) => `cc${n.toString(16).padStart(30, '0')}`;
	const SEEDED = [IDS.contacts.jane, IDS.contacts.john, IDS.contacts.maria];
	const ALL = [...SEEDED, ...Array.from({ length: 1200 }, (_, index) => generatedUuid(index + 1))];

	/** Every batch from the first answer to the one whose meta.next is null, the filters sent each time. */
	async function batchesByCursor(target: CallbellEmulator, filters: Record<string, string> = {}) {
		const batches: Array<{ contacts: any[]; meta: any }> = [];
		let after: string | undefined;
		do {
			const query = new URLSearchParams({ ...filters, ...(after !== undefined && { after }) });
			const { status, json } = await callOn(target, 'GET', `/v1/contacts?${query}`);
			expect(status).toBe(200);
			batches.push(json);
			after = json.meta.next ?? undefined;
		} while (after !== undefined);
		return batches;
	}

	async function batchesByPage(target: CallbellEmulator, filters: Record<string, string> = {}) {
		const batches: Array<{ contacts: any[]; meta: any }> = [];
		let pages = 1;
		for (let page = 1; page <= pages; page++) {
			const { json } = await callOn(
				target,
				'GET',
				`/v1/contacts?${new URLSearchParams({ ...filters, page: String(page) })}`,
			);
			batches.push(json);
			pages = json.meta.pages;
		}
		return batches;
	}

	const uuidsOf = (batches: Array<{ contacts: any[] }>) =>
		batches.flatMap((batch) => batch.contacts.map((contact) => contact.uuid));

	it('appends generated contacts after the seeded ones, the same after a reset', async () => {
		const { json } = await callOn(crowded, 'GET', '/v1/contacts?page=2');
		expect(json.contacts.slice(0, 5)).toEqual([
			expect.objectContaining({
				uuid: generatedUuid(48),
				name: 'Contact 48',
				source: 'telegram',
				phoneNumber: null,
				tags: ['customer'],
				team: expect.objectContaining({ uuid: IDS.teams.support }),
			}),
			expect.objectContaining({
				uuid: 'cc000000000000000000000000000031',
				name: 'Contact 49',
				source: 'whatsapp',
				phoneNumber: '+49300000049',
				tags: [],
				team: null,
				channel: expect.objectContaining({ uuid: IDS.channels.whatsapp }),
			}),
			expect.objectContaining({
				name: 'Contact 50',
				source: 'whatsapp',
				phoneNumber: '+49300000050',
				tags: ['lead'],
				team: expect.objectContaining({ uuid: IDS.teams.sales }),
			}),
			expect.objectContaining({
				name: 'Contact 51',
				source: 'instagram',
				phoneNumber: null,
				tags: ['lead', 'vip'],
				team: expect.objectContaining({ uuid: IDS.teams.support }),
				channel: expect.objectContaining({ uuid: IDS.channels.instagram }),
			}),
			expect.objectContaining({ name: 'Contact 52', source: 'telegram', channel: null }),
		]);
		expect(
			(await callOn(crowded, 'GET', `/v1/contacts/${generatedUuid(1200)}`)).json.contact,
		).toMatchObject({ uuid: 'cc0000000000000000000000000004b0', name: 'Contact 1200' });
		expect((await callOn(crowded, 'GET', '/v1/contacts/phone/49300001197')).json.contact.name).toBe(
			'Contact 1197',
		);

		expect((await callOn(crowded, 'DELETE', `/v1/contacts/${generatedUuid(7)}`)).status).toBe(200);
		crowded.reset();
		expect(crowded.state.contacts.map((contact) => contact.uuid)).toEqual(ALL);
	});

	it('walks all 1,203 contacts by cursor and by numbered pages, each exactly once', async () => {
		const byCursor = await batchesByCursor(crowded);
		expect(byCursor).toHaveLength(25);
		expect(byCursor[0].meta).toEqual({ page: 1, pages: 25, next: expect.any(String) });
		expect(byCursor.slice(1).every((batch) => Object.keys(batch.meta).join() === 'next')).toBe(
			true,
		);
		expect(byCursor.map((batch) => batch.contacts.length)).toEqual([...Array(24).fill(50), 3]);
		expect(uuidsOf(byCursor)).toEqual(ALL);

		const byPage = await batchesByPage(crowded);
		expect(byPage).toHaveLength(25);
		expect(byPage[24].meta).toEqual({ page: 25, pages: 25, next: null });
		expect(uuidsOf(byPage)).toEqual(ALL);
	});

	it('keeps the filters across cursor batches', async () => {
		// Jane, then every generated contact that is WhatsApp, tagged lead and in Sales: Contact 2, 14, 26, …
		const expected = [
			IDS.contacts.jane,
			...Array.from({ length: 100 }, (_, index) => generatedUuid(2 + 12 * index)),
		];
		const filters = { source: 'whatsapp', tags: 'LEAD', team_uuid: IDS.teams.sales };
		const byCursor = await batchesByCursor(crowded, filters);
		expect(byCursor.map((batch) => batch.contacts.length)).toEqual([50, 50, 1]);
		expect(byCursor.map((batch) => batch.meta.next === null)).toEqual([false, false, true]);
		for (const contact of byCursor.flatMap((batch) => batch.contacts)) {
			expect(contact).toMatchObject({
				source: 'whatsapp',
				tags: expect.arrayContaining(['lead']),
				team: expect.objectContaining({ uuid: IDS.teams.sales }),
			});
		}
		expect(uuidsOf(byCursor)).toEqual(expected);
		expect(uuidsOf(await batchesByPage(crowded, filters))).toEqual(expected);
	});

	it('goes on by cursor where numbered pages stop (page 500)', async () => {
		const small = await startEmulator({
			extraContacts: 1200,
			pageSize: 2,
			rateLimitPerSecond: 100_000,
		});
		try {
			expect((await callOn(small, 'GET', '/v1/contacts?page=501')).json).toEqual({
				error: 'Pagination limit exceeded',
			});
			const byCursor = await batchesByCursor(small);
			expect(byCursor).toHaveLength(602);
			expect(uuidsOf(byCursor)).toEqual(ALL);
		} finally {
			await small.close();
		}
	});
});
