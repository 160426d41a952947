/**
 * End-to-end: the package installed, updated and removed the way users do it, through n8n's own
 * Community Nodes route (what *Settings → Community Nodes* calls), from a local npm registry
 * (dev/registry.ts) that holds what `npm pack` makes of the build. n8n packs it from there,
 * unpacks it into `~/.n8n/nodes/node_modules/`, strips its dev, peer and optional dependencies
 * and runs `npm install --ignore-scripts` in it: a runtime dependency fails that install (the registry has nothing else), a
 * file left out of the tarball or a renamed node shows as "Unrecognized node type", as it would
 * for users.
 *
 * Everything stays on 127.0.0.1: n8n's outgoing HTTP(S) goes to a proxy that refuses it (n8n
 * asks api.n8n.io whether the package is banned, and goes on when that fails, as offline).
 * A registry other than npm's needs a licence feature, which n8n's own test mode grants
 * (`E2E_TESTS=true`, then `PATCH /rest/e2e/feature`).
 *
 * Versions: CALLBELL_E2E_N8N = 1 (default) | 2 | all; see dev/n8n/versions.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startEmulator } from '../../dev/emulator';
import { IDS, JANE_PHONE, TEST_TOKEN } from '../../dev/emulator/seed';
import { EMULATOR_WEBHOOK_SECRET } from '../../dev/fixtures';
import { ensureN8n } from '../../dev/n8n/install';
import { N8nInstance } from '../../dev/n8n/instance';
import { freePort } from '../../dev/n8n/ports';
import type { N8nServer } from '../../dev/n8n/server';
import { parseTargetSelection, type N8nTarget } from '../../dev/n8n/versions';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	PACKAGE_NAME,
	repoRoot,
	TOOL_TYPE,
	TRIGGER_TYPE,
} from '../../dev/package';
import { CUSTOM_REGISTRY_FEATURE, LocalRegistry, versionToPublish } from '../../dev/registry';
import { Phases } from '../../dev/timing';
import { waitFor } from './waitFor';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
const SETUP_TIMEOUT = 30 * 60_000;
const ALL_TYPES = { nodes: [NODE_TYPE, TOOL_TYPE, TRIGGER_TYPE], credentials: [CREDENTIAL_TYPE] };
const JANE = IDS.contacts.jane;
const OWNER = {
	email: 'install@callbell.local',
	firstName: 'Install',
	lastName: 'Tester',
	password: 'Callbell-install-1',
};
const WEBHOOK_PATH = 'callbell-installed';

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

/** A workflow as a user builds it in the editor: a webhook that looks up Jane, and the Callbell Trigger. */
function installCheckWorkflow(credentialId: string): Record<string, unknown> {
	const credentials = { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Callbell' } };
	return {
		name: 'Installed from the registry',
		nodes: [
			{
				id: 'b1f6a2a4-1f0c-4a43-9d55-0c6a3c1f7a01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5d3c8f0e-6f55-4c8e-9a3b-7f1f6b0b2c01',
				parameters: { path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} },
			},
			{
				id: 'b1f6a2a4-1f0c-4a43-9d55-0c6a3c1f7a02',
				name: 'Get Jane',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					operation: 'get',
					contactId: { __rl: true, value: JANE, mode: 'id' },
					options: {},
				},
				credentials,
			},
			{
				id: 'b1f6a2a4-1f0c-4a43-9d55-0c6a3c1f7a03',
				name: 'Callbell Trigger',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 240],
				webhookId: '5d3c8f0e-6f55-4c8e-9a3b-7f1f6b0b2c02',
				parameters: { options: {} },
				credentials,
			},
		],
		connections: { Webhook: { main: [[{ node: 'Get Jane', type: 'main', index: 0 }]] } },
		settings: {},
		active: false,
	};
}

describe.each(
	targets.map((t): [string, N8nTarget] => [`n8n ${t.n8nVersion} on Node ${t.node.major}`, t]),
)('%s: installed through Settings → Community Nodes', (_label, target) => {
	const phases = new Phases(`[install n8n ${target.n8nVersion}] `, log);
	const root = repoRoot();
	let emulator: Emulator;
	let registry: LocalRegistry;
	let instance: N8nInstance;
	let server: N8nServer | undefined;
	let port: number;
	let firstVersion: string;
	let workflowId: string;

	beforeAll(async () => {
		const install = await phases.run('n8n from the cache', () =>
			ensureN8n(target, { phases, log }),
		);
		emulator = await startEmulator({
			seed: 'test',
			token: TEST_TOKEN,
			allowLocalWebhookUrls: true,
			webhookSecret: EMULATOR_WEBHOOK_SECRET,
		});
		registry = await phases.run('local npm registry', () => LocalRegistry.start({ log }));
		firstVersion = (await phases.run('publish the build', () => registry.publish(root))).version;
		instance = await N8nInstance.create({
			install,
			log,
			blockOutbound: true,
			linkPackage: false,
			env: registry.n8nEnv(),
		});
		registry.configureN8nFolder(instance.n8nFolder);
		// The same port after every restart: the trigger's webhook URL stays the one Callbell has.
		port = await freePort();
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await server?.stop();
		await instance?.dispose();
		await registry?.stop();
		await emulator?.close();
		log(phases.summary(`Timings, install n8n ${target.n8nVersion} on Node ${target.node.major}`));
	}, 60_000);

	/** (Re)starts n8n on its port, logged in as the owner, with the registry's licence feature. */
	async function restart(what: string): Promise<N8nServer> {
		await server?.stop();
		server = await phases.run(what, () => instance.startServer({ port }));
		await server.ensureOwner(OWNER);
		await server.enableTestFeature(CUSTOM_REGISTRY_FEATURE);
		return server;
	}

	/** The node and credential types n8n serves to the editor. */
	async function knownTypes(n8n: N8nServer): Promise<{ nodes: string[]; credentials: string[] }> {
		const nodes = await n8n.request<Array<{ name: string }>>('GET', '/types/nodes.json');
		const credentials = await n8n.request<Array<{ name: string }>>(
			'GET',
			'/types/credentials.json',
		);
		for (const answer of [nodes, credentials])
			if (!Array.isArray(answer.body))
				throw new Error(`HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
		return {
			nodes: nodes.body
				.map((n) => n.name)
				.filter((n) => n.startsWith(`${PACKAGE_NAME}.`))
				.sort(),
			credentials: credentials.body.map((c) => c.name).filter((c) => c === CREDENTIAL_TYPE),
		};
	}

	/**
	 * What n8n serves to the editor, once it matches: n8n rewrites the types files after an
	 * install or an uninstall without waiting for the write, so an early read may be partial.
	 */
	async function expectKnownTypes(
		n8n: N8nServer,
		expected: { nodes: string[]; credentials: string[] },
	): Promise<void> {
		let seen: unknown;
		await waitFor('the types n8n serves to the editor', async () => {
			seen = await knownTypes(n8n).catch((error: Error) => error.message);
			return JSON.stringify(seen) === JSON.stringify(expected);
		}).catch(() => undefined);
		expect(seen).toEqual(expected);
	}

	/** Jane writes in: Callbell delivers the signed event, the trigger answers with its receiver mark. */
	async function expectTriggerReceives(text: string): Promise<void> {
		const { delivery } = await emulator.receiveMessage({ from: JANE_PHONE, text });
		expect({ status: delivery.status, body: JSON.parse(delivery.body) as unknown }).toEqual({
			status: 200,
			body: { status: 'ok', receiver: expect.stringMatching(/^n8n:[0-9a-f]{16}$/) },
		});
	}

	function installedManifest(): { version: string; dependencies?: object } {
		const file = path.join(
			instance.n8nFolder,
			'nodes',
			'node_modules',
			PACKAGE_NAME,
			'package.json',
		);
		return JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; dependencies?: object };
	}

	/** The saved workflow's webhook: n8n runs it, the node looks Jane up in the emulator, once. */
	async function runSavedWorkflow(n8n: N8nServer): Promise<void> {
		const from = emulator.requests.length;
		const response = await fetch(`${n8n.url}/webhook/${WEBHOOK_PATH}`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ uuid: JANE, name: 'Jane Doe' });
		expect(
			emulator.requests
				.slice(from)
				.filter((r) => r.path.startsWith('/v1/contacts'))
				.map((r) => `${r.method} ${r.path} → ${r.status}`),
		).toEqual([`GET /v1/contacts/${JANE} → 200`]);
	}

	test('Install: n8n installs the published tarball and knows both nodes and the credential, also after a restart', async () => {
		const n8n = await restart('n8n start');
		await expectKnownTypes(n8n, { nodes: [], credentials: [] });

		const installed = await phases.run('POST /rest/community-packages', () =>
			n8n.installCommunityPackage(PACKAGE_NAME),
		);
		expect(installed.packageName).toBe(PACKAGE_NAME);
		expect(installed.installedVersion).toBe(firstVersion);
		expect(installed.installedNodes.map((n) => n.type).sort()).toEqual([NODE_TYPE, TRIGGER_TYPE]);
		// What n8n put in ~/.n8n/nodes: the published version, and nothing it had to fetch with it.
		expect(installedManifest().version).toBe(firstVersion);
		expect(installedManifest().dependencies ?? {}).toEqual({});
		await expectKnownTypes(n8n, ALL_TYPES);

		const restarted = await restart('n8n restart after the install');
		await expectKnownTypes(restarted, ALL_TYPES);
	});

	test('a workflow created through the REST API runs against the emulator, and its Callbell Trigger subscribes and receives', async () => {
		const n8n = server!;
		const credential = await n8n.rest<{ id: string }>('POST', '/rest/credentials', {
			name: 'Callbell',
			type: CREDENTIAL_TYPE,
			data: {
				apiToken: TEST_TOKEN,
				baseUrl: emulator.baseUrl,
				webhookSecret: EMULATOR_WEBHOOK_SECRET,
			},
		});
		const workflow = await n8n.rest<{ id: string }>(
			'POST',
			'/rest/workflows',
			installCheckWorkflow(credential.id),
		);
		workflowId = workflow.id;
		await n8n.activateWorkflow(workflowId);
		await waitFor('the subscription', () => emulator.state.webhook !== null);
		expect(emulator.state.webhook?.url).toContain(`http://127.0.0.1:${port}/webhook/`);
		await expectTriggerReceives('Hello from the installed package');
		await runSavedWorkflow(n8n);
	});

	test('Update: a newer version from the registry replaces it; after a restart the saved workflow still runs', async () => {
		const newer = versionToPublish(firstVersion, await registry.versions(PACKAGE_NAME));
		await phases.run('publish a newer version', () => registry.publish(root, newer));
		// What the Settings page lists: the installed version, and the newer one as an update.
		const listed = await phases.run('GET /rest/community-packages', () =>
			server!.rest<
				Array<{ packageName: string; installedVersion: string; updateAvailable?: string }>
			>('GET', '/rest/community-packages'),
		);
		expect(listed).toEqual([
			expect.objectContaining({
				packageName: PACKAGE_NAME,
				installedVersion: firstVersion,
				updateAvailable: newer,
			}),
		]);
		const updated = await phases.run('PATCH /rest/community-packages', () =>
			server!.updateCommunityPackage(PACKAGE_NAME),
		);
		expect(updated.installedVersion).toBe(newer);
		expect(installedManifest().version).toBe(newer);
		await runSavedWorkflow(server!);

		const subscription = emulator.state.webhook;
		const restarted = await restart('n8n restart after the update');
		await expectKnownTypes(restarted, ALL_TYPES);
		// The account's webhook still points at the trigger (n8n 1.x subscribes it again on
		// start, 2.x keeps the registration it stored), and the updated trigger receives.
		expect(emulator.state.webhook).toMatchObject({
			url: subscription?.url,
			subscriptions: subscription?.subscriptions,
		});
		await expectTriggerReceives('Hello after the update');
		await runSavedWorkflow(restarted);
	});

	test('Uninstall: the types are gone, n8n stays healthy and starts again, nothing went past 127.0.0.1 but the ban check', async () => {
		const n8n = server!;
		await n8n.deactivateWorkflow(workflowId);
		await waitFor('the unsubscription', () => emulator.state.webhook === null);
		await phases.run('DELETE /rest/community-packages', () =>
			n8n.uninstallCommunityPackage(PACKAGE_NAME),
		);
		await expectKnownTypes(n8n, { nodes: [], credentials: [] });
		expect(
			fs.existsSync(path.join(instance.n8nFolder, 'nodes', 'node_modules', PACKAGE_NAME)),
		).toBe(false);
		expect((await fetch(`${n8n.url}/healthz`)).status).toBe(200);
		// n8n also starts without it, the saved workflow still there with its nodes now unknown
		// (as the editor shows them), and nothing installs the package again.
		const restarted = await restart('n8n restart after the uninstall');
		await expectKnownTypes(restarted, { nodes: [], credentials: [] });
		const kept = await restarted.rest<{ nodes: Array<{ type: string }> }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		expect(kept.nodes.map((node) => node.type)).toEqual(
			expect.arrayContaining([NODE_TYPE, TRIGGER_TYPE]),
		);
		expect(
			fs.existsSync(path.join(instance.n8nFolder, 'nodes', 'node_modules', PACKAGE_NAME)),
		).toBe(false);
		// Only the ban checks reached the refusing proxy (so it was in the path); npm asked only
		// the local registry.
		expect([...new Set(instance.outboundAttempts)]).toEqual(['CONNECT api.n8n.io:443']);
	});
});
