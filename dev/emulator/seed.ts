/**
 * Seed accounts. 'test' is small and fixed (tests name its ids); 'demo' is a believable account
 * for `npm run dev` and contains everything 'test' has, under the same ids.
 */
import { buildContact } from './state';
import type {
	Channel,
	Contact,
	CustomFieldDefinition,
	EmulatorState,
	Message,
	Source,
	Team,
	Template,
	User,
} from './state';

export const TEST_TOKEN = 'cb_test_SECRET_7Hq2Xk4Zp9';

export const IDS = {
	contacts: {
		jane: '414a6d692bd645ed803f2e7ce360d4c8',
		john: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		maria: '9a8b7c6d5e4f30211203f4e5d6c7b8a9',
	},
	teams: { sales: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', support: 'b2c3d4e5f60718293a4b5c6d7e8f90a1' },
	channels: {
		whatsapp: 'c0ffee00c0ffee00c0ffee00c0ffee01',
		instagram: 'c0ffee00c0ffee00c0ffee00c0ffee02',
	},
	templates: { welcome: 'd00dfeedd00dfeedd00dfeedd00dfee1' },
	funnels: {
		newLeads: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f001',
		qualified: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f002',
	},
	users: { alice: 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1', bob: 'e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2' },
	bsuids: { maria: 'US.13491208655302741918' },
	/** Jane's WhatsApp conversation, oldest first. */
	messages: {
		janeAsks: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e01',
		agentAnswers: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e02',
		janeThanks: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e03',
	},
};

export type SeedName = 'test' | 'demo';

const SEEDED_AT = '2026-01-15T09:30:00.000Z';
/** Jane's WhatsApp number (both seeds), as Callbell stores it. */
export const JANE_PHONE = '+391234567890';

const CUSTOM_FIELDS: CustomFieldDefinition[] = [
	{ name: 'Company', type: 'text' },
	{ name: 'Work Email', type: 'email' },
	{ name: 'Budget', type: 'number' },
	{ name: 'Birthday', type: 'date' },
	{ name: 'Plan', type: 'dropdown', options: ['Free', 'Pro', 'Enterprise'] },
	{ name: 'Interests', type: 'checkbox', options: ['WhatsApp', 'Instagram', 'Telegram'] },
];

function user(uuid: string, email: string, name: string, available = true): User {
	return { uuid, email, name, available, lastUpdatedAt: SEEDED_AT, customStatusId: null };
}

function team(uuid: string, name: string, memberEmails: string[], isDefault = false): Team {
	return { uuid, name, createdAt: SEEDED_AT, default: isDefault, memberEmails };
}

function channel(uuid: string, title: string, type: Source, main: boolean): Channel {
	return { uuid, title, type, main, discardedAt: null };
}

function template(uuid: string, title: string, text: string, category = 'MARKETING'): Template {
	return {
		uuid,
		title,
		templateType: 'text',
		category,
		status: 'approved',
		text,
		createdAt: SEEDED_AT,
	};
}

/** A seeded contact sits in its network's main channel, else the first channel of that type. */
function contact(
	channels: Channel[],
	fields: Partial<Contact> & Pick<Contact, 'uuid' | 'name' | 'source'>,
): Contact {
	const ofType = channels.filter((candidate) => candidate.type === fields.source);
	const channelUuid = (ofType.find((candidate) => candidate.main) ?? ofType[0])?.uuid ?? null;
	return buildContact({ channelUuid, ...fields }, SEEDED_AT);
}

/** A message of Jane's WhatsApp conversation, `from`/`to` as POST /messages/send records them. */
function janeMessage(
	uuid: string,
	direction: 'sent' | 'received',
	text: string,
	createdAt: string,
): Message {
	const sent = direction === 'sent';
	return {
		uuid,
		contactUuid: IDS.contacts.jane,
		text,
		status: sent ? 'read' : 'received',
		direction,
		channelUuid: IDS.channels.whatsapp,
		from: sent ? 'whatsapp' : JANE_PHONE,
		to: sent ? JANE_PHONE : 'whatsapp',
		createdAt,
	};
}

function testSeed(): EmulatorState {
	const channels = [
		channel(IDS.channels.whatsapp, 'WhatsApp Sales', 'whatsapp', true),
		channel(IDS.channels.instagram, 'Instagram', 'instagram', false),
	];
	return {
		plan: { name: 'Pro', includedChannels: 3, licenses: 5 },
		botEnabled: true,
		meEmail: 'alice@example.com',
		users: [
			user(IDS.users.alice, 'alice@example.com', 'Alice Agent'),
			user(IDS.users.bob, 'bob@example.com', 'Bob Builder', false),
		],
		teams: [
			team(IDS.teams.sales, 'Sales', ['alice@example.com'], true),
			team(IDS.teams.support, 'Support', ['bob@example.com']),
		],
		tags: ['lead', 'vip', 'customer', 'Newsletter'],
		customFields: CUSTOM_FIELDS.map((field) => ({
			...field,
			options: field.options && [...field.options],
		})),
		channels,
		templates: [
			template(IDS.templates.welcome, 'Welcome', 'Hello {{1}}, thanks for reaching out!'),
		],
		funnels: [
			{
				uuid: IDS.funnels.newLeads,
				name: 'New leads',
				emoji: '🌱',
				position: 1,
				createdAt: SEEDED_AT,
			},
			{
				uuid: IDS.funnels.qualified,
				name: 'Qualified',
				emoji: '🔥',
				position: 2,
				createdAt: SEEDED_AT,
			},
		],
		customStatuses: [],
		contacts: [
			contact(channels, {
				uuid: IDS.contacts.jane,
				name: 'Jane Doe',
				source: 'whatsapp',
				phoneNumber: JANE_PHONE,
				tags: ['lead'],
				customFields: { Company: 'Acme' },
				teamUuid: IDS.teams.sales,
				funnelId: IDS.funnels.newLeads,
			}),
			contact(channels, {
				uuid: IDS.contacts.john,
				name: 'John Smith',
				source: 'instagram',
				assignedUser: 'bob@example.com',
				teamUuid: IDS.teams.support,
				note: 'VIP since 2024',
			}),
			contact(channels, {
				uuid: IDS.contacts.maria,
				name: 'Maria Rossi',
				source: 'whatsapp',
				phoneNumber: '+393331112222',
				tags: ['customer', 'vip'],
				bsuid: IDS.bsuids.maria,
			}),
		],
		messages: [
			janeMessage(
				IDS.messages.janeAsks,
				'received',
				'Hi, is the shared inbox available on Telegram?',
				'2026-01-20T10:00:00.000Z',
			),
			janeMessage(
				IDS.messages.agentAnswers,
				'sent',
				'Yes! Telegram, WhatsApp and Instagram in one inbox.',
				'2026-01-20T10:04:00.000Z',
			),
			janeMessage(IDS.messages.janeThanks, 'received', 'Great, thanks', '2026-01-20T10:05:00.000Z'),
		],
		webhook: null,
		webhookEvents: [],
	};
}

const DEMO_PEOPLE: Array<[string, Source, string | null]> = [
	['Lucas Martin', 'whatsapp', '+33612345678'],
	['Sofia Garcia', 'whatsapp', '+34612345678'],
	['Emma Schmidt', 'instagram', null],
	['Noah Müller', 'whatsapp', '+4915112345678'],
	['Olivia Brown', 'facebook', null],
	['Liam Johnson', 'telegram', null],
	['Chiara Bianchi', 'whatsapp', '+393401234567'],
	['Mateo Fernández', 'whatsapp', '+5491123456789'],
	['Ava Wilson', 'instagram', null],
	['Léa Dubois', 'whatsapp', '+33698765432'],
	['Yuki Tanaka', 'telegram', null],
	['Amelia Taylor', 'whatsapp', '+447700900123'],
	['Giulia Romano', 'instagram', null],
	['Hugo Lefebvre', 'whatsapp', '+33611223344'],
	['Mia Kowalski', 'facebook', null],
	['Elias Novak', 'whatsapp', '+420601234567'],
	['Zoe Papadopoulos', 'whatsapp', '+306912345678'],
	['Finn Jensen', 'telegram', null],
	['Isabella Costa', 'whatsapp', '+351912345678'],
	['Leo Horvat', 'instagram', null],
	['Nora Andersen', 'whatsapp', '+4520123456'],
	['Omar Haddad', 'whatsapp', '+971501234567'],
];

function demoSeed(): EmulatorState {
	const state = testSeed();
	state.plan = { name: 'Business', includedChannels: 5, licenses: 12 };
	state.users.push(
		user('e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3', 'carla@example.com', 'Carla Closer'),
		user('e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4', 'dan@example.com', 'Dan Dispatcher'),
		user('e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5', 'eve@example.com', 'Eve Evening-shift', false),
	);
	state.teams[0].memberEmails.push('carla@example.com');
	state.teams[1].memberEmails.push('dan@example.com', 'eve@example.com');
	state.teams.push(
		team('c3d4e5f60718293a4b5c6d7e8f90a1b2', 'Onboarding', [
			'alice@example.com',
			'dan@example.com',
		]),
	);
	state.tags.push('hot', 'cold', 'partner', 'churn-risk', 'event-2026');
	state.customFields.push(
		{
			name: 'Lead Source',
			type: 'dropdown',
			options: ['Website form', 'Trade fair', 'Referral', 'Ads'],
		},
		{ name: 'Seats', type: 'number' },
	);
	state.channels.push(
		channel('c0ffee00c0ffee00c0ffee00c0ffee03', 'Telegram Support', 'telegram', false),
	);
	state.templates.push(
		template(
			'd00dfeedd00dfeedd00dfeedd00dfee2',
			'Demo booked',
			'Hi {{1}}, your demo is booked for {{2}}.',
			'UTILITY',
		),
		template(
			'd00dfeedd00dfeedd00dfeedd00dfee3',
			'Follow-up',
			'Hi {{1}}, any questions about our offer?',
		),
	);
	state.funnels.push(
		{
			uuid: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f003',
			name: 'Proposal sent',
			emoji: '📨',
			position: 3,
			createdAt: SEEDED_AT,
		},
		{
			uuid: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f004',
			name: 'Won',
			emoji: '🏆',
			position: 4,
			createdAt: SEEDED_AT,
		},
	);
	state.customStatuses.push(
		{
			id: 'a5a5a5a5-a5a5-4a5a-a5a5-a5a5a5a5a501',
			name: 'In a meeting',
			emoji: '📅',
			createdAt: SEEDED_AT,
			updatedAt: SEEDED_AT,
		},
		{
			id: 'a5a5a5a5-a5a5-4a5a-a5a5-a5a5a5a5a502',
			name: 'Lunch',
			emoji: '🥪',
			createdAt: SEEDED_AT,
			updatedAt: SEEDED_AT,
		},
	);
	const tagsByIndex = [
		['lead'],
		['lead', 'hot'],
		['customer'],
		['partner'],
		[],
		['lead', 'cold'],
		['customer', 'vip'],
	];
	DEMO_PEOPLE.forEach(([name, source, phoneNumber], index) => {
		const uuid = `de${String(index).padStart(2, '0')}${'0'.repeat(26)}${String(index).padStart(2, '0')}`;
		state.contacts.push(
			contact(state.channels, {
				uuid,
				name,
				source,
				phoneNumber,
				tags: tagsByIndex[index % tagsByIndex.length],
				teamUuid: state.teams[index % state.teams.length].uuid,
				assignedUser: index % 3 === 0 ? null : state.users[index % state.users.length].email,
				funnelId: state.funnels[index % state.funnels.length].uuid,
				customFields: index % 2 === 0 ? { Company: `${name.split(' ')[1]} GmbH`, Plan: 'Pro' } : {},
				closedAt: index % 5 === 0 ? SEEDED_AT : null,
			}),
		);
	});
	return state;
}

const GENERATED_SOURCES: Source[] = ['whatsapp', 'whatsapp', 'instagram', 'telegram'];
const GENERATED_TAGS = [[], ['lead'], ['lead', 'vip'], ['customer']];
const GENERATED_TEAMS = [null, IDS.teams.sales, IDS.teams.support];

/** `count` made-up contacts after the seeded ones, for pagination: the same ones after every reset. */
function addGeneratedContacts(state: EmulatorState, count: number): void {
	for (let n = 1; n <= count; n++) {
		const source = GENERATED_SOURCES[(n - 1) % GENERATED_SOURCES.length];
		state.contacts.push(
			contact(state.channels, {
				uuid: `cc${n.toString(16).padStart(30, '0')}`,
				name: `Contact ${n}`,
				source,
				phoneNumber: source === 'whatsapp' ? `+4930${String(n).padStart(7, '0')}` : null,
				tags: [...GENERATED_TAGS[(n - 1) % GENERATED_TAGS.length]],
				teamUuid: GENERATED_TEAMS[(n - 1) % GENERATED_TEAMS.length],
			}),
		);
	}
}

export function buildSeed(name: SeedName, extraContacts = 0): EmulatorState {
	const state = name === 'demo' ? demoSeed() : testSeed();
	addGeneratedContacts(state, extraContacts);
	return state;
}
