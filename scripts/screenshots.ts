/**
 * `npm run screenshots`: the Callbell node and its credential in the real n8n editor, in
 * headless Chromium (Debian's `chromium` package, driven by playwright-core), saved as
 *
 * - docs/screenshots/node-contact-update.png — the Contact → Update panel of the first demo workflow
 * - docs/screenshots/node-contact-upsert.png — the Contact → Create or Update panel (by phone)
 *   of the second
 * - docs/screenshots/node-message-send.png — the Message → Send panel of the deal-won demo, its
 *   template picker open
 * - docs/screenshots/credential.png — the credential dialog (after its connection test)
 * - docs/screenshots/workflow-ai-assistant.png — the WhatsApp AI assistant demo on the canvas:
 *   the AI Agent with its chat model and its five Callbell tools
 * - docs/screenshots/install-community-node.png — after *Settings → Community Nodes → Install*
 *   with the package name (in another n8n, without the package, installing it from the local
 *   registry of dev/registry.ts), the nodes panel showing Callbell as installed
 *
 * Doubles as a check that the node's UI renders in a browser: exits non-zero if a panel does
 * not render, or if the browser reports errors that mention the node or the credential.
 *
 * Debian's Chromium is installed when missing (as root, or through a password-less sudo).
 * `CALLBELL_N8N_VERSION=2` for n8n 2.x; `CHROMIUM_PATH` for another Chromium binary;
 * `CALLBELL_SCREENSHOTS_DIR` for another output folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';

import { startEmulator, type RecordedRequest } from '../dev/emulator';
import {
	AI_ASSISTANT_WORKFLOW_FILE,
	AI_ASSISTANT_WORKFLOW_ID,
	CALLBELL_NODE_NAME,
	callbellCredential,
	CREDENTIAL_ID,
	DEAL_WON_WORKFLOW_FILE,
	DEMO_WORKFLOW_FILE,
	loadWorkflow,
	openAiCredential,
	PHONE_DEMO_WORKFLOW_FILE,
	PHONE_UPSERT_NODE_NAME,
	SEND_TEMPLATE_NODE_NAME,
	workflowLeads,
} from '../dev/fixtures';
import { ensureN8n } from '../dev/n8n/install';
import type { WorkflowImport } from '../dev/n8n/cli';
import { N8nInstance } from '../dev/n8n/instance';
import { aptInstall } from '../dev/n8n/redis';
import { freePort, portInUse } from '../dev/n8n/ports';
import type { OwnerAccount } from '../dev/n8n/rest';
import type { N8nServer } from '../dev/n8n/server';
import { N8N_TARGETS, parseTargetSelection } from '../dev/n8n/versions';
import { PACKAGE_NAME, repoRoot } from '../dev/package';
import { onShutdown, stopAll } from '../dev/proc';
import { CUSTOM_REGISTRY_FEATURE, LocalRegistry } from '../dev/registry';
import { Phases } from '../dev/timing';

const OWNER: OwnerAccount = {
	email: 'screenshots@callbell.local',
	firstName: 'Callbell',
	lastName: 'Screenshots',
	password: 'Callbell-shots-1',
};

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** The output side of the node details view (its test id changed between n8n 1.x and 2.x). */
const OUTPUT_PANEL = '[data-test-id="output-panel"], [data-test-id="ndv-output-panel"]';

/** Browser messages that concern this package (these fail the run). */
const OURS = /callbell|n8n-nodes-callbell/i;

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

interface BrowserProblem {
	kind: 'console' | 'pageerror' | 'http' | 'requestfailed';
	text: string;
}

let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
let instance: N8nInstance | undefined;
let server: N8nServer | undefined;
let context: BrowserContext | undefined;
let userDataDir: string | undefined;
/** The registry and the n8n without the package, for the install picture. */
let registry: LocalRegistry | undefined;
let installInstance: N8nInstance | undefined;

async function cleanup(): Promise<void> {
	await context?.close().catch(() => undefined);
	await server?.stop();
	await instance?.dispose();
	await installInstance?.dispose();
	await registry?.stop();
	await emulator?.close();
	if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
}

function watchProblems(page: Page, problems: BrowserProblem[]): void {
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const location = message.location();
		problems.push({
			kind: 'console',
			text: `${message.text()}${location.url ? ` (${location.url}:${location.lineNumber})` : ''}`,
		});
	});
	page.on('pageerror', (error) =>
		problems.push({ kind: 'pageerror', text: `${error.message}\n${error.stack ?? ''}` }),
	);
	page.on('requestfailed', (request) => {
		// Navigations away abort pending requests (the editor's own, e.g. its community node
		// details after the install): only our own assets failing otherwise matter here.
		if (OURS.test(request.url()) && request.failure()?.errorText !== 'net::ERR_ABORTED')
			problems.push({
				kind: 'requestfailed',
				text: `${request.url()}: ${request.failure()?.errorText}`,
			});
	});
	page.on('response', (response) => {
		if (response.status() >= 400)
			problems.push({
				kind: 'http',
				text: `HTTP ${response.status()} ${response.request().method()} ${response.url()}`,
			});
	});
}

async function expectVisible(
	page: Page,
	selector: string,
	what: string,
	timeout = 30_000,
): Promise<void> {
	try {
		await page.locator(selector).first().waitFor({ state: 'visible', timeout });
	} catch {
		const shot = path.join(os.tmpdir(), `callbell-screenshot-failure-${Date.now()}.png`);
		await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
		throw new Error(`${what} did not render (waited for ${selector}); page at failure: ${shot}`);
	}
}

interface NodePanelShot {
	workflow: WorkflowImport;
	nodeName: string;
	/** Labels the panel must show. */
	labels: string[];
	/** Whether the requests the emulator got from the panel's run are the ones expected. */
	expectedRequests(requests: RecordedRequest[]): boolean;
	/** How many items the run puts out (default: the workflow's CRM leads). */
	itemCount?: number;
	/** What to do in the panel after the run, before the picture (e.g. open a picker). */
	beforeShot?(page: Page): Promise<void>;
	file: string;
}

/**
 * Opens a node's panel, runs the node from there ("Execute step" runs the nodes before it too),
 * so that the picture shows the leads going in and what the emulator answered coming out.
 */
async function shootNodePanel(page: Page, shot: NodePanelShot): Promise<void> {
	const node = shot.workflow.nodes.find((n) => n.name === shot.nodeName);
	if (!node) throw new Error(`${String(shot.workflow.id)} has no node "${shot.nodeName}"`);
	// /workflow/:id/:nodeId opens the workflow with that node's panel open.
	await page.goto(`${server!.url}/workflow/${String(shot.workflow.id)}/${String(node.id)}`, {
		waitUntil: 'domcontentloaded',
	});
	await expectVisible(page, '[data-test-id="ndv"]', 'The node details view', 60_000);
	await expectVisible(page, '[data-test-id="node-parameters"]', 'The Callbell parameter panel');
	const parameters = page.locator('[data-test-id="node-parameters"]').first();
	for (const label of shot.labels) {
		await parameters
			.getByText(label, { exact: false })
			.first()
			.waitFor({ state: 'visible', timeout: 15_000 })
			.catch(() => {
				throw new Error(`The "${shot.nodeName}" panel shows no "${label}"`);
			});
	}
	const before = emulator!.requests.length;
	const leads = shot.itemCount ?? workflowLeads(shot.workflow).length;
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	const outputPanel = page.locator(OUTPUT_PANEL).first();
	await outputPanel
		.locator('[data-test-id="ndv-items-count"]')
		.getByText(new RegExp(`^\\s*${leads} items\\s*$`))
		.first()
		.waitFor({ state: 'visible', timeout: 60_000 })
		.catch(async () => {
			const failure = path.join(os.tmpdir(), `callbell-screenshot-failure-${Date.now()}.png`);
			await page.screenshot({ path: failure }).catch(() => undefined);
			const text = await outputPanel.innerText().catch(() => '(no output panel)');
			throw new Error(
				`Running "${shot.nodeName}" from its panel did not show ${leads} output items; the output panel says:\n${text.slice(0, 1500)}\n(page: ${failure})`,
			);
		});
	const requests = emulator!.requests.slice(before);
	if (!shot.expectedRequests(requests)) {
		throw new Error(
			`"${shot.nodeName}" sent other requests than expected: ${requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}`,
		);
	}
	// JSON view of the output, mouse away from tooltips.
	await outputPanel
		.locator('[data-test-id="radio-button-json"]')
		.first()
		.click()
		.catch(() => undefined);
	await page.mouse.move(2, 2);
	await page.waitForTimeout(1000);
	await shot.beforeShot?.(page);
	await page.screenshot({ path: shot.file });
}

/** Opens the resource-locator picker of the parameter labelled `label` and waits for `entry` in its list. */
async function openPicker(page: Page, label: string, entry: string): Promise<void> {
	const parameter = page
		.locator('[data-test-id="node-parameters"] .parameter-item')
		.filter({ has: page.getByText(label, { exact: true }) })
		.filter({ has: page.locator('[data-test-id="rlc-input"]') })
		.first();
	await parameter.locator('[data-test-id="rlc-input"]').first().click();
	await page
		.getByText(entry, { exact: false })
		.last()
		.waitFor({ state: 'visible', timeout: 30_000 })
		.catch(() => {
			throw new Error(`The "${label}" picker shows no "${entry}"`);
		});
	await page.waitForTimeout(500);
}

/** Logs the browser in to `n8n` (all n8n here are on 127.0.0.1: one cookie at a time). */
async function logBrowserIn(n8n: N8nServer): Promise<void> {
	const [cookieName, ...cookieValue] = (n8n.authCookie ?? '').split('=');
	await context!.addCookies([
		{
			name: cookieName,
			value: cookieValue.join('='),
			domain: '127.0.0.1',
			path: '/',
			httpOnly: true,
		},
	]);
}

/**
 * What a user does: *Settings → Community Nodes → Install*, the package name, the risk
 * checkbox, *Install*; then, in a new workflow, the nodes panel's search for Callbell and its
 * entry, which n8n marks as installed, with the package's version.
 */
async function shootCommunityInstall(page: Page, n8n: N8nServer, file: string): Promise<void> {
	await page.setViewportSize({ width: 1400, height: 900 });
	await page.goto(`${n8n.url}/settings/community-nodes`, { waitUntil: 'domcontentloaded' });
	await expectVisible(page, 'button:has-text("Install")', 'The Community Nodes page', 60_000);
	await page
		.getByRole('button', { name: /install/i })
		.first()
		.click();
	await expectVisible(page, '[data-test-id="package-name-input"]', 'The install dialog');
	await page.locator('[data-test-id="package-name-input"]').first().fill(PACKAGE_NAME);
	await page.locator('[data-test-id="user-agreement-checkbox"]').first().click();
	await page.locator('[data-test-id="install-community-package-button"]').first().click();
	const card = page
		.locator('[data-test-id="community-package-card"]')
		.filter({ hasText: PACKAGE_NAME });
	await card
		.filter({ hasText: 'Callbell Trigger' })
		.first()
		.waitFor({ state: 'visible', timeout: 120_000 })
		.catch(() => {
			throw new Error(
				`Settings → Community Nodes lists no ${PACKAGE_NAME} with its nodes after Install`,
			);
		});
	await page.goto(`${n8n.url}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await expectVisible(page, '[data-test-id="node-creator-plus-button"]', 'The canvas', 60_000);
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	await expectVisible(page, '[data-test-id="node-creator-search-bar"]', 'The nodes panel');
	await page.keyboard.type('Callbell');
	await page
		.locator('[data-test-id="item-iterator-item"]')
		.filter({ hasText: 'Callbell' })
		.first()
		.click({ timeout: 30_000 })
		.catch(() => {
			throw new Error('The nodes panel finds no Callbell after the install');
		});
	await expectVisible(page, 'text=Installed', 'Callbell marked as installed in the nodes panel');
	await page.mouse.move(2, 2);
	await page.waitForTimeout(1000);
	await page.screenshot({ path: file });
}

async function main(): Promise<void> {
	const phases = new Phases('', log);
	onShutdown(async () => cleanup());
	const target =
		parseTargetSelection(process.env.CALLBELL_N8N_VERSION, ['1'])[0] ?? N8N_TARGETS['1'];
	const outDir = path.resolve(
		process.env.CALLBELL_SCREENSHOTS_DIR ?? path.join(repoRoot(), 'docs', 'screenshots'),
	);
	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	// Debian's Chromium, installed as Redis is (as root or with a password-less sudo; otherwise
	// the error says the command), unless another binary was named.
	if (!fs.existsSync(chromiumPath) && process.env.CHROMIUM_PATH === undefined)
		await phases.run("install Debian's chromium", () => aptInstall('chromium', log));
	if (!fs.existsSync(chromiumPath)) {
		throw new Error(
			`No Chromium at ${chromiumPath}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`,
		);
	}

	const install = await ensureN8n(target, { phases, log });
	// A fixed port when free, so that the Base URL in the picture does not change from run to run.
	const emulatorPort = (await portInUse(4010)) ? await freePort() : 4010;
	emulator = await phases.run('start the emulator (demo account)', () =>
		startEmulator({ seed: 'demo', port: emulatorPort }),
	);
	instance = await N8nInstance.create({ install, log, blockOutbound: true });
	const workflow = loadWorkflow(DEMO_WORKFLOW_FILE);
	const phoneWorkflow = loadWorkflow(PHONE_DEMO_WORKFLOW_FILE);
	const dealWonWorkflow = loadWorkflow(DEAL_WON_WORKFLOW_FILE);
	const assistantWorkflow = loadWorkflow(AI_ASSISTANT_WORKFLOW_FILE);
	await phases.run('import credentials + demo workflows', async () => {
		await instance!.cli.importCredentials([
			callbellCredential({ apiToken: emulator!.token, baseUrl: emulator!.baseUrl }),
			// Only shown, never called: opening the workflow asks no model anything.
			openAiCredential({ apiKey: 'not-used', baseUrl: 'http://127.0.0.1:9/v1' }),
		]);
		await instance!.cli.importWorkflows([
			workflow,
			phoneWorkflow,
			dealWonWorkflow,
			assistantWorkflow,
		]);
	});
	server = await phases.run(`start n8n ${install.n8nVersion}`, () => instance!.startServer());
	await phases.run('owner setup + login', () => server!.ensureOwner(OWNER));

	// playwright-core is loaded here so that a missing browser fails with our message first.
	const { chromium } = await import('playwright-core');
	userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-chromium-'));
	context = await phases.run('launch Chromium', () =>
		chromium.launchPersistentContext(userDataDir!, {
			executablePath: chromiumPath,
			headless: true,
			args: CHROMIUM_ARGS,
			// Tall enough for most of the Contact → Update panel.
			viewport: { width: 1600, height: 1300 },
			deviceScaleFactor: 1,
			locale: 'en-US',
			timezoneId: 'UTC',
		}),
	);
	await logBrowserIn(server);
	// The editor may only talk to this n8n: anything else is refused (and would show up below).
	await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/])[a-z]+:\/\//i, async (route) => {
		if (route.request().url().startsWith('data:') || route.request().url().startsWith('blob:'))
			return route.continue();
		log(`  (blocked a browser request to ${route.request().url()})`);
		return route.abort('blockedbyclient');
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const problems: BrowserProblem[] = [];
	watchProblems(page, problems);
	fs.mkdirSync(outDir, { recursive: true });

	const nodeShot = path.join(outDir, 'node-contact-update.png');
	await phases.run('node panel: Contact → Update', () =>
		shootNodePanel(page, {
			workflow,
			nodeName: CALLBELL_NODE_NAME,
			labels: [
				'Resource',
				'Operation',
				'Contact',
				'Update Fields',
				'Tags',
				'Custom Fields',
				'Assigned User',
				'Note',
			],
			expectedRequests: (requests) =>
				requests.filter((r) => r.method === 'PATCH').length === workflowLeads(workflow).length,
			file: nodeShot,
		}),
	);

	const upsertShot = path.join(outDir, 'node-contact-upsert.png');
	await phases.run('node panel: Contact → Create or Update by phone', () =>
		shootNodePanel(page, {
			workflow: phoneWorkflow,
			nodeName: PHONE_UPSERT_NODE_NAME,
			labels: [
				'Resource',
				'Operation',
				'Phone Number',
				'Update Fields',
				'Name',
				'Custom Fields',
				'Options',
			],
			// Each lead: the lookup by phone, then an update or a create.
			expectedRequests: (requests) =>
				requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/contacts/phone/'))
					.length === workflowLeads(phoneWorkflow).length,
			file: upsertShot,
		}),
	);

	const sendShot = path.join(outDir, 'node-message-send.png');
	await phases.run('node panel: Message → Send, template picker open', () =>
		shootNodePanel(page, {
			workflow: dealWonWorkflow,
			nodeName: SEND_TEMPLATE_NODE_NAME,
			labels: [
				'Resource',
				'Operation',
				'To',
				'Channel Type',
				'Message Type',
				'Template',
				'Template Values',
				'Contact Opted In',
			],
			itemCount: 2,
			expectedRequests: (requests) =>
				requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/send').length === 2,
			beforeShot: (shotPage) => openPicker(shotPage, 'Template', 'Demo booked (UTILITY, approved)'),
			file: sendShot,
		}),
	);

	const credentialShot = path.join(outDir, 'credential.png');
	await phases.run('credential dialog', async () => {
		await page.goto(`${server!.url}/home/credentials/${CREDENTIAL_ID}`, {
			waitUntil: 'domcontentloaded',
		});
		await expectVisible(
			page,
			'[data-test-id="credential-edit-dialog"]',
			'The credential dialog',
			60_000,
		);
		const dialog = page.locator('[data-test-id="credential-edit-dialog"]').first();
		for (const label of ['API Token', 'Base URL']) {
			await dialog
				.getByText(label, { exact: false })
				.first()
				.waitFor({ state: 'visible', timeout: 15_000 })
				.catch(() => {
					throw new Error(`The credential dialog shows no "${label}"`);
				});
		}
		// Opening a saved credential runs its test; wait for the verdict to show.
		await dialog
			.getByText(/Connection tested successfully|Couldn.t connect/i)
			.first()
			.waitFor({ state: 'visible', timeout: 30_000 })
			.catch(() => log('  (no connection test verdict shown in the dialog)'));
		await page.mouse.move(2, 2);
		await page.waitForTimeout(500);
		// The whole dialog (with its title; n8n 2.x puts the test id on the body only) and a
		// margin of the page around it.
		const modal = page
			.locator('.el-dialog')
			.filter({ has: page.locator('[data-test-id="credential-edit-dialog"]') })
			.last();
		const box = (await modal.count()) > 0 ? await modal.boundingBox() : await dialog.boundingBox();
		const viewport = page.viewportSize();
		const clip =
			box && viewport
				? {
						x: Math.max(0, box.x - 24),
						y: Math.max(0, box.y - 24),
						width: Math.min(viewport.width - Math.max(0, box.x - 24), box.width + 48),
						height: Math.min(viewport.height - Math.max(0, box.y - 24), box.height + 48),
					}
				: undefined;
		await page.screenshot({ path: credentialShot, clip });
	});

	const assistantShot = path.join(outDir, 'workflow-ai-assistant.png');
	await phases.run('canvas: the WhatsApp AI assistant, its Callbell tools', async () => {
		await page.goto(`${server!.url}/workflow/${AI_ASSISTANT_WORKFLOW_ID}`, {
			waitUntil: 'domcontentloaded',
		});
		for (const node of assistantWorkflow.nodes) {
			await page
				.getByText(String(node.name), { exact: true })
				.first()
				.waitFor({ state: 'visible', timeout: 60_000 })
				.catch(() => {
					throw new Error(`The canvas shows no node "${String(node.name)}"`);
				});
		}
		await page.mouse.move(2, 2);
		await page.waitForTimeout(1000);
		// The nodes and a margin, not the empty canvas around them (their names and subtitles
		// hang below their boxes).
		const boxes = await page.locator('.vue-flow__node').evaluateAll((nodes) =>
			nodes.map((node) => {
				const { left, top, right, bottom } = node.getBoundingClientRect();
				return { left, top, right, bottom };
			}),
		);
		const margin = 60;
		const clip =
			boxes.length > 0
				? {
						x: Math.max(0, Math.min(...boxes.map((b) => b.left)) - margin),
						y: Math.max(0, Math.min(...boxes.map((b) => b.top)) - margin),
						width: 0,
						height: 0,
					}
				: undefined;
		if (clip) {
			clip.width = Math.max(...boxes.map((b) => b.right)) + margin - clip.x;
			clip.height = Math.max(...boxes.map((b) => b.bottom)) + 2 * margin - clip.y;
		}
		await page.screenshot({ path: assistantShot, clip });
	});

	// Another n8n, without the package, installs it as users do: from a registry (a local one,
	// which needs the licence feature n8n's test mode grants), through its Settings page.
	const installShot = path.join(outDir, 'install-community-node.png');
	await phases.run('Settings → Community Nodes → Install, then the nodes panel', async () => {
		registry = await LocalRegistry.start({ log });
		await registry.publish(repoRoot());
		installInstance = await N8nInstance.create({
			install,
			log,
			blockOutbound: true,
			linkPackage: false,
			env: registry.n8nEnv(),
		});
		// The page lists the package after Install with `npm outdated`: against this registry too.
		registry.configureN8nFolder(installInstance.n8nFolder);
		const installServer = await installInstance.startServer();
		await installServer.ensureOwner(OWNER);
		await installServer.enableTestFeature(CUSTOM_REGISTRY_FEATURE);
		await logBrowserIn(installServer);
		await shootCommunityInstall(page, installServer, installShot);
	});

	// After the install the editor asks npm's registry for the package's latest version: blocked
	// like every outside host, and no fault of the package.
	const ours = problems.filter(
		(p) =>
			!p.text.includes(`https://registry.npmjs.org/${PACKAGE_NAME}`) &&
			(OURS.test(p.text) || (p.kind !== 'http' && /credential|node type|parameter/i.test(p.text))),
	);
	const others = problems.filter((p) => !ours.includes(p));
	if (others.length > 0) {
		log(
			`Browser messages not about this package (ignored):\n${others.map((p) => `  [${p.kind}] ${p.text.split('\n')[0]}`).join('\n')}`,
		);
	}
	log(phases.summary());
	if (ours.length > 0) {
		throw new Error(
			`The browser reported problems with the Callbell node or credential:\n${ours.map((p) => `  [${p.kind}] ${p.text}`).join('\n')}`,
		);
	}
	if (instance.outboundAttempts.length > 0) {
		throw new Error(
			`n8n tried to reach other hosts than 127.0.0.1: ${instance.outboundAttempts.join(', ')}`,
		);
	}
	// Installing asks api.n8n.io whether the package is banned (refused here; n8n goes on).
	const installOutbound = (installInstance?.outboundAttempts ?? []).filter(
		(attempt) => attempt !== 'CONNECT api.n8n.io:443',
	);
	if (installOutbound.length > 0) {
		throw new Error(
			`The installing n8n tried to reach other hosts than 127.0.0.1: ${installOutbound.join(', ')}`,
		);
	}
	const emulatorRequests = emulator.requests.filter((r) => !r.path.startsWith('/__emulator'));
	log(
		`Emulator requests during the run: ${emulatorRequests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ') || 'none'}`,
	);
	process.stdout.write(
		`Saved:\n${[nodeShot, upsertShot, sendShot, credentialShot, assistantShot, installShot].map((file) => `  ${path.relative(process.cwd(), file)}\n`).join('')}`,
	);
}

main()
	.then(async () => {
		await cleanup();
		await stopAll(5000);
		process.exit(0);
	})
	.catch(async (error) => {
		log(`\nnpm run screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
		await cleanup().catch(() => undefined);
		await stopAll(5000);
		process.exit(1);
	});
