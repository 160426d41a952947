/**
 * An account object given by its name (actions/params/objectNames.ts): what an AI agent or a CRM
 * field knows is "Support", not a uuid. The name is looked up in the account's list once per run
 * (case and spaces aside) and the operation acts on that id. A name comes from an expression or
 * `$fromAI()` (By ID's check in the editor takes ids only); a name no object has, or several
 * have, is refused with the names there are or the namesakes' ids, and nothing is changed.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, fromList, itemsOf, runOperation, useEmulator, viaExpression } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const JANE = IDS.contacts.jane;

/** Every request Callbell received, as "METHOD /path". */
const sent = () => emulator.requests.map((request) => `${request.method} ${request.path}`);

describe('A name where an id goes', () => {
	it('Contact → Update with Team "support": one look-up, then the PATCH with its id', async () => {
		const result = await runOperation(emulator, 'contact', 'update', {
			parameters: {
				contactId: byId(JANE),
				updateFields: { teamId: byId(viaExpression(' support ')) },
			},
		});

		expect(sent()).toEqual(['GET /v1/teams', `PATCH /v1/contacts/${JANE}`]);
		expect(emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`)[0].body).toEqual({
			team_uuid: IDS.teams.support,
		});
		expect(result.items[0].json).toMatchObject({ team: { uuid: IDS.teams.support } });
	});

	it('Conversation → Set Funnel Stage "Qualified" from an expression: the stage with that name', async () => {
		await runOperation(emulator, 'conversation', 'setFunnel', {
			parameters: { contactId: byId(JANE), funnelId: fromList(viaExpression('Qualified')) },
		});

		// GET /funnels has no pages: the second page asked for brings nothing new (transport/pagination.ts).
		expect(new Set(sent())).toEqual(
			new Set(['GET /v1/funnels', `PUT /v1/contacts/${JANE}/conversation/update_funnel`]),
		);
		expect(emulator.requestsTo('PUT', /update_funnel$/)[0].body).toEqual({
			funnel_id: IDS.funnels.qualified,
		});
	});

	it.each([
		[
			'channel',
			'get',
			{ channelId: byId(viaExpression('Instagram')) },
			'GET /v1/channels',
			IDS.channels.instagram,
		],
		[
			'template',
			'get',
			{ templateId: byId(viaExpression('welcome')) },
			'GET /v1/templates',
			IDS.templates.welcome,
		],
		[
			'team',
			'getMembers',
			{ teamId: byId(viaExpression('Sales')), limit: 5 },
			'GET /v1/teams',
			IDS.teams.sales,
		],
	])(
		'%s → %s by its name: the list, then the object itself',
		async (resource, operation, parameters, lookup, id) => {
			await runOperation(emulator, resource, operation, { parameters });

			expect(sent()[0]).toBe(lookup);
			expect(sent()[1]).toMatch(new RegExp(`^GET /v1/\\w+/${id}`));
		},
	);

	it('User → Set Status with the custom status "in a meeting": its id, looked up by name', async () => {
		const meeting = {
			id: 'a5a5a5a5-a5a5-4a5a-a5a5-a5a5a5a5a501',
			name: 'In a meeting',
			emoji: '📅',
			createdAt: '2026-01-15T09:30:00.000Z',
			updatedAt: '2026-01-15T09:30:00.000Z',
		};
		emulator.state.customStatuses.push(meeting);
		await runOperation(emulator, 'user', 'setStatus', {
			parameters: {
				userId: byId(IDS.users.alice),
				customStatusId: byId(viaExpression('in a meeting')),
			},
		});

		expect(sent()).toEqual(['GET /v1/custom_statuses', `PUT /v1/users/${IDS.users.alice}/status`]);
		expect(emulator.requests[1].body).toMatchObject({ custom_status_uuid: meeting.id });
	});

	it('three items naming the same team, side by side: one look-up for the run', async () => {
		const result = await runOperation(emulator, 'contact', 'update', {
			items: [{ team: 'Sales' }, { team: 'Support' }, { team: 'sales' }],
			parameters: {
				contactId: byId(JANE),
				updateFields: { teamId: byId('={{ $json.team }}') },
			},
		});

		expect(emulator.requestsTo('GET', '/v1/teams')).toHaveLength(1);
		expect(
			emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`).map((request) => request.body),
		).toEqual([
			{ team_uuid: IDS.teams.sales },
			{ team_uuid: IDS.teams.support },
			{ team_uuid: IDS.teams.sales },
		]);
		expect(result.items).toHaveLength(3);
	});

	it('a later run looks again: a team renamed in between is found by its new name', async () => {
		await runOperation(emulator, 'team', 'get', {
			parameters: { teamId: byId(viaExpression('Support')) },
		});
		emulator.state.teams[1].name = 'Customer Care';
		const result = await runOperation(emulator, 'team', 'get', {
			parameters: { teamId: byId(viaExpression('Customer Care')) },
		});

		expect(emulator.requestsTo('GET', '/v1/teams')).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ uuid: IDS.teams.support });
	});
});

describe('A name that names no object, or several', () => {
	it('no team of that name: refused with the teams there are, nothing changed', async () => {
		const result = await runOperation(emulator, 'contact', 'update', {
			continueOnFail: true,
			parameters: {
				contactId: byId(JANE),
				updateFields: { teamId: byId(viaExpression('Billing')) },
			},
		});

		expect(sent()).toEqual(['GET /v1/teams']);
		expect(itemsOf(result)).toEqual([
			[
				{
					error: 'Team "Billing" is not the id or the name of a team of this account [item 0]',
					description:
						'Give one of its teams: "Sales", "Support", or its id (32 hexadecimal characters).',
				},
				{ item: 0 },
			],
		]);
	});

	it('two funnel stages of that name: refused with both ids, the conversation not moved', async () => {
		const twin = { ...emulator.state.funnels[1], uuid: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0ff' };
		emulator.state.funnels.push(twin);
		const result = await runOperation(emulator, 'conversation', 'setFunnel', {
			continueOnFail: true,
			parameters: { contactId: byId(JANE), funnelId: byId(viaExpression('qualified')) },
		});

		expect(new Set(sent())).toEqual(new Set(['GET /v1/funnels']));
		expect(result.items[0].json).toEqual({
			error: `Funnel Stage "qualified" names 2 funnel stages of this account (ids ${IDS.funnels.qualified}, ${twin.uuid}) [item 0]`,
			description: 'Give the id of the one you mean.',
		});
	});

	it('an id cut short reads as a name: refused after the look-up, as no template is called so', async () => {
		const result = await runOperation(emulator, 'template', 'update', {
			continueOnFail: true,
			parameters: { templateId: byId(viaExpression('d00dfeed')), title: 'Welcome v3' },
		});

		expect(sent()).toEqual(['GET /v1/templates']);
		expect(result.items[0].json.error).toBe(
			'Template "d00dfeed" is not the id or the name of a template of this account [item 0]',
		);
	});
});
