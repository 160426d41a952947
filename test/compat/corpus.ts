/**
 * The corpus of saved workflows (test/compat/workflows/*.json, exactly as n8n exports them)
 * and what each must keep doing (test/compat/expected/<name>.json): the requests Callbell
 * receives and what every Callbell node outputs, or for a trigger what activating it sends,
 * what each delivery is answered and starts, and what deactivating it sends.
 *
 * What Callbell makes up while a workflow runs (the id of a new contact or message, the time
 * it was created) is written as a placeholder, so that expectations are the same every run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INode, IPinData } from 'n8n-workflow';

import type { RecordedRequest } from '../../dev/emulator';
import type { WorkflowDefinition } from '../harness';

export const CORPUS_DIR = path.join(__dirname, 'workflows');
export const EXPECTED_DIR = path.join(__dirname, 'expected');

export const NODE_TYPE = 'n8n-nodes-callbell.callbell';
export const TRIGGER_TYPE = 'n8n-nodes-callbell.callbellTrigger';

/** A workflow as n8n exports it (Workflow → Download), the fields the corpus uses. */
export interface SavedWorkflow extends WorkflowDefinition {
	name: string;
	nodes: INode[];
	pinData?: IPinData;
}

export interface SavedWorkflowFile {
	/** The file name without `.json`, e.g. `contact-update`. */
	name: string;
	workflow: SavedWorkflow;
}

export function readCorpus(): SavedWorkflowFile[] {
	return readdirSync(CORPUS_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			name: file.replace(/\.json$/, ''),
			workflow: JSON.parse(readFileSync(path.join(CORPUS_DIR, file), 'utf8')) as SavedWorkflow,
		}));
}

/** A request as the corpus records it: what a change to the node must not alter. */
export interface SeenRequest {
	method: string;
	path: string;
	query?: Record<string, string>;
	body?: unknown;
}

export function seenRequest(request: RecordedRequest): SeenRequest {
	return {
		method: request.method,
		path: request.path,
		...(Object.keys(request.query).length > 0 && { query: request.query }),
		...(request.rawBody !== '' && { body: request.body ?? request.rawBody }),
	};
}

/** Requests of a node that ran on several items, in an order that does not depend on which item ran first. */
export function inCanonicalOrder(requests: SeenRequest[]): SeenRequest[] {
	return requests
		.map((request) => [JSON.stringify(request), request] as const)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, request]) => request);
}

/** A webhook request of a trigger's expectations, with how it is signed. */
export interface Delivery {
	/** The body as Callbell sends it (text is sent as it is, e.g. a body that is not JSON). */
	body: IDataObject | string;
	/** `valid`: signed with the credential's secret; `forged`: with another; `none`: no header. */
	signature: 'valid' | 'forged' | 'none';
}

export interface NodeExpectation {
	requests: SeenRequest[];
	items?: IDataObject[];
	/** The error that stopped the node (continue on fail off). */
	error?: { message: string; description?: string | null };
}

export interface WorkflowExpectation {
	/** Per node, in the order the nodes ran. */
	nodes: Record<string, NodeExpectation>;
}

export interface TriggerExpectation {
	/** Per trigger node. */
	triggers: Record<
		string,
		{
			activation: SeenRequest[];
			deliveries: Array<
				Delivery & { answer: { status: number; body: unknown }; items?: IDataObject[] }
			>;
			deactivation: { result: boolean | undefined; requests: SeenRequest[] };
		}
	>;
}

const ID = /\b(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;
const CONVERSATION_LINK = /\/chat\/([0-9a-f]{8})-/g;
const ISO_TIME = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\b/g;

/**
 * Replaces, in every string, the ids and times that neither the seeded account nor the workflow
 * has: a contact, message or status created during the run (`<new id>`), and timestamps taken
 * from the clock (`<now>`). `known` is the text of both.
 */
export function placeholdersFor(known: string): (value: unknown) => unknown {
	const knownIds = new Set(known.match(ID) ?? []);
	const knownTimes = new Set(known.match(ISO_TIME) ?? []);
	// A conversation's link names its contact by the first 8 characters of the contact's id.
	const knownShortIds = new Set([...knownIds].map((id) => id.slice(0, 8)));
	const inText = (text: string) =>
		text
			.replace(ID, (id) => (knownIds.has(id) ? id : '<new id>'))
			.replace(CONVERSATION_LINK, (link, shortId: string) =>
				knownShortIds.has(shortId) ? link : link.replace(shortId, '<new id>'),
			)
			.replace(ISO_TIME, (time) => (knownTimes.has(time) ? time : '<now>'));
	const walk = (value: unknown): unknown => {
		if (typeof value === 'string') return inText(value);
		if (Array.isArray(value)) return value.map(walk);
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [inText(key), walk(entry)]),
			);
		}
		return value;
	};
	return walk;
}

/** The deliveries a new trigger workflow is recorded against; each file keeps its own afterwards. */
export const FIRST_DELIVERIES: Delivery[] = [
	{ body: {}, signature: 'valid' },
	{
		body: {
			event: 'message_created',
			payload: {
				uuid: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e04',
				to: 'whatsapp',
				from: '+391234567890',
				text: 'Hi, is the demo still on for Friday?',
				attachments: [],
				status: 'received',
				channel: 'whatsapp',
				contact: {
					uuid: '414a6d692bd645ed803f2e7ce360d4c8',
					name: 'Jane Doe',
					phoneNumber: '+391234567890',
				},
				createdAt: '2026-01-15T10:00:00.000Z',
			},
		},
		signature: 'valid',
	},
	{
		body: {
			event: 'message_created',
			payload: {
				uuid: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e05',
				to: '+391234567890',
				from: 'whatsapp',
				text: 'Yes, see you on Friday at 10.',
				attachments: [],
				status: 'sent',
				channel: 'whatsapp',
				contact: {
					uuid: '414a6d692bd645ed803f2e7ce360d4c8',
					name: 'Jane Doe',
					phoneNumber: '+391234567890',
				},
				createdAt: '2026-01-15T10:01:00.000Z',
			},
		},
		signature: 'valid',
	},
	{
		body: {
			event: 'contact_created',
			payload: {
				uuid: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
				name: 'John Smith',
				phoneNumber: '+447700900123',
				source: 'whatsapp',
				tags: [],
			},
		},
		signature: 'valid',
	},
	{
		body: {
			event: 'conversation_closed',
			payload: { contact: { uuid: '414a6d692bd645ed803f2e7ce360d4c8' } },
		},
		signature: 'valid',
	},
	{ body: { event: 'contact_created', payload: 'c1' }, signature: 'valid' },
	{ body: 'not JSON', signature: 'valid' },
	{ body: { event: 42 }, signature: 'valid' },
	{
		body: {
			event: 'contact_created',
			payload: { uuid: '9a8b7c6d5e4f30211203f4e5d6c7b8a9', name: 'Maria Rossi' },
		},
		signature: 'forged',
	},
	{
		body: {
			event: 'contact_created',
			payload: { uuid: '9a8b7c6d5e4f30211203f4e5d6c7b8a9', name: 'Maria Rossi' },
		},
		signature: 'none',
	},
];
