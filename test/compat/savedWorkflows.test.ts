/**
 * Saved workflows never break: every workflow of the corpus (test/compat/workflows/) runs
 * through n8n's engine against the emulator and must send and output exactly what its
 * expectations (test/compat/expected/) say. A change that alters them needs a new node version
 * (docs/releasing.md); until the first release, a change an issue asks for on purpose may
 * re-record one file (`CALLBELL_COMPAT_RECORD=<name>`) and says so in the CHANGELOG.
 * A new workflow is recorded once with `CALLBELL_COMPAT_RECORD=new`; CI never records.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { INode, INodeExecutionData } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { TEST_TOKEN } from '../../dev/emulator/seed';
import { loadPackage, runWorkflow, triggerUnderTest } from '../harness';
import { useEmulator } from '../stories';
import {
	EXPECTED_DIR,
	FIRST_DELIVERIES,
	NODE_TYPE,
	TRIGGER_TYPE,
	inCanonicalOrder,
	placeholdersFor,
	readCorpus,
	seenRequest,
	type Delivery,
	type NodeExpectation,
	type SavedWorkflow,
	type SeenRequest,
	type TriggerExpectation,
	type WorkflowExpectation,
} from './corpus';

const SECRET = 'whsec_compat_corpus_5b2e9d';
const WEBHOOK_BASE_URL = 'https://n8n.example.com/webhook';
const RECORD = process.env.CALLBELL_COMPAT_RECORD;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const corpus = readCorpus();
const expectedFile = (name: string) => path.join(EXPECTED_DIR, `${name}.json`);

function readExpected<T>(name: string): T | undefined {
	const file = expectedFile(name);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** Compares with the file, or writes it when asked to record this workflow. */
function expectAsRecorded(name: string, actual: unknown): void {
	const recorded = readExpected(name);
	if ((RECORD === 'new' && recorded === undefined) || RECORD === name) {
		writeFileSync(expectedFile(name), `${JSON.stringify(actual, null, '\t')}\n`);
		return;
	}
	if (recorded === undefined)
		throw new Error(
			`${name} has no expectations yet: record them once with CALLBELL_COMPAT_RECORD=new`,
		);
	expect(actual).toEqual(recorded);
}

const packageNodes = (workflow: SavedWorkflow) =>
	workflow.nodes.filter((node) => node.type === NODE_TYPE || node.type === TRIGGER_TYPE);

async function runNodes(name: string, workflow: SavedWorkflow): Promise<WorkflowExpectation> {
	const placeholders = placeholdersFor(JSON.stringify([emulator.state, workflow]));
	const requestsOf: Record<string, SeenRequest[]> = {};
	let firstOfNode = 0;
	const { runData, error } = await runWorkflow(workflow, {
		credentials: { apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl },
		onNode: (moment, nodeName) => {
			if (moment === 'before') firstOfNode = emulator.requests.length;
			else requestsOf[nodeName] = emulator.requests.slice(firstOfNode).map(seenRequest);
		},
	});
	const callbellNodes = new Set(packageNodes(workflow).map((node) => node.name));
	const nodes: Record<string, NodeExpectation> = {};
	for (const [nodeName, sent] of Object.entries(requestsOf)) {
		if (!callbellNodes.has(nodeName)) continue;
		const run = runData[nodeName]?.[0];
		// One item's requests come in the order it sends them; several items run side by side.
		const previous = run?.source?.[0]?.previousNode;
		const inputItems =
			previous === undefined ? 0 : (runData[previous]?.[0]?.data?.main?.[0]?.length ?? 0);
		const requests = inputItems > 1 ? inCanonicalOrder(sent) : sent;
		const items = run?.data?.main?.[0]?.map((item: INodeExecutionData) => ({
			json: item.json,
			pairedItem: item.pairedItem,
		}));
		nodes[nodeName] = {
			requests,
			...(items !== undefined && { items }),
			...(run?.error !== undefined && {
				error: { message: run.error.message, description: run.error.description ?? null },
			}),
		};
	}
	// Nothing ran: the engine refused the workflow (e.g. a required parameter is missing).
	if (Object.keys(nodes).length === 0) throw error ?? new Error(`No Callbell node of ${name} ran`);
	return placeholders({ nodes }) as WorkflowExpectation;
}

function signed(delivery: Delivery): { body: string; headers: Record<string, string> } {
	const body = typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body);
	if (delivery.signature === 'none') return { body, headers: {} };
	const t = Math.floor(Date.now() / 1000);
	const secret = delivery.signature === 'valid' ? SECRET : 'whsec_not_the_accounts_secret';
	const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
	return { body, headers: { 'X-Callbell-Signature': `t=${t},v1=${v1}` } };
}

async function runTriggers(
	name: string,
	workflow: SavedWorkflow & { id?: string },
): Promise<TriggerExpectation> {
	const recorded = readExpected<TriggerExpectation>(name);
	const inputs = Object.values(recorded?.triggers ?? {}).map((trigger) =>
		trigger.deliveries.map(({ body }) => body),
	);
	const placeholders = placeholdersFor(
		JSON.stringify([emulator.state, workflow, FIRST_DELIVERIES, inputs]),
	);
	const triggers: TriggerExpectation['triggers'] = {};
	const requestsSince = (first: number) => emulator.requests.slice(first).map(seenRequest);
	for (const saved of workflow.nodes.filter((node: INode) => node.type === TRIGGER_TYPE)) {
		const trigger = await triggerUnderTest({
			nodeType: TRIGGER_TYPE,
			parameters: saved.parameters,
			credentials: { apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl, webhookSecret: SECRET },
			webhookBaseUrl: WEBHOOK_BASE_URL,
			workflowId: workflow.id,
			saved: { id: saved.id, name: saved.name, webhookId: saved.webhookId },
		});
		let first = emulator.requests.length;
		await trigger.activate();
		const activation = requestsSince(first);
		const deliveries = [];
		for (const delivery of recorded?.triggers[saved.name]?.deliveries ?? FIRST_DELIVERIES) {
			const { status, body, items } = await trigger.receive(signed(delivery));
			deliveries.push({
				body: delivery.body,
				signature: delivery.signature,
				answer: { status, body },
				...(items !== undefined && { items }),
			});
		}
		first = emulator.requests.length;
		const result = await trigger.deactivate();
		triggers[saved.name] = {
			activation,
			deliveries,
			deactivation: { result, requests: requestsSince(first) },
		};
	}
	return placeholders({ triggers }) as TriggerExpectation;
}

describe.each(corpus)('saved workflow $name', ({ name, workflow }) => {
	it("holds its Callbell nodes' parameters as the editor saves them (defaults left out)", async () => {
		const pkg = await loadPackage();
		for (const node of packageNodes(workflow)) {
			const { description } = pkg.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const asSaved = NodeHelpers.getNodeParameters(
				description.properties,
				node.parameters,
				false,
				false,
				node,
				description,
			);
			expect({ node: node.name, parameters: asSaved }).toEqual({
				node: node.name,
				parameters: node.parameters,
			});
		}
	});

	it('sends and outputs what it always has', async () => {
		const isTrigger = workflow.nodes.some((node) => node.type === TRIGGER_TYPE);
		expectAsRecorded(
			name,
			isTrigger ? await runTriggers(name, workflow) : await runNodes(name, workflow),
		);
	});
});

it('every expectation belongs to a saved workflow of the corpus', () => {
	const names = new Set(corpus.map(({ name }) => name));
	const orphans = readdirSync(EXPECTED_DIR).filter(
		(file) => !names.has(file.replace(/\.json$/, '')),
	);
	expect(orphans).toEqual([]);
});

it('the corpus covers every operation of the node, and the trigger', async () => {
	const pkg = await loadPackage();
	const covered = new Set<string>();
	for (const { workflow } of corpus) {
		for (const node of packageNodes(workflow)) {
			if (node.type === TRIGGER_TYPE) {
				covered.add('trigger');
				continue;
			}
			// The editor leaves out a resource or operation that is the default: read them as n8n does.
			const { description } = pkg.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const resolved = NodeHelpers.getNodeParameters(
				description.properties,
				node.parameters,
				true,
				false,
				node,
				description,
			);
			covered.add(`${String(resolved?.resource)}.${String(resolved?.operation)}`);
		}
	}
	const contract = JSON.parse(readFileSync(path.join(__dirname, 'contract.json'), 'utf8')) as {
		nodes: Record<string, { parameters: Record<string, unknown> }>;
	};
	const operations = Object.keys(contract.nodes[NODE_TYPE].parameters).filter(
		(scope) => scope !== '*',
	);
	expect([...operations, 'trigger'].filter((scope) => !covered.has(scope))).toEqual([]);
});
