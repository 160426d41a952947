/**
 * `npm run dev`: the package (built by the npm script) inside a real n8n, next to the Callbell
 * emulator, ready to click through.
 *
 * - Emulator: in this process, seeded with the demo account (`CALLBELL_EMULATOR_PORT`, default
 *   4010 or a free port).
 * - n8n: the pinned version from .cache/ (installed on first use), `CALLBELL_N8N_VERSION=2` for
 *   n8n 2.x on Node 24; user folder `.cache/dev-user/n8n-<major>/` so workflows persist between
 *   runs; editor on `CALLBELL_N8N_PORT` (default 5678 or a free port).
 * - Owner account, the "Callbell (emulator)" credential and the demo workflows are set up
 *   idempotently. With `CALLBELL_API_TOKEN` the credential points at the real Callbell API
 *   (`CALLBELL_BASE_URL` to override) instead.
 * - The AI assistant demo's OpenAI credential points at the scripted model (a test double in
 *   this process, `CALLBELL_MODEL_PORT`, default 4011 or a free port); with `OPENAI_API_KEY` at
 *   OpenAI's API (`OPENAI_BASE_URL`, `OPENAI_MODEL` to override).
 * - `--queue` (`npm run dev -- --queue`, `--workers N`, default 2): n8n in queue mode
 *   (dev/n8n/queue.ts): Redis, main (the editor), N workers and a webhook process; user folder
 *   `.cache/dev-user/queue-n8n-<major>/`; each process's lines prefixed (`[main]`, `[worker 1]`…).
 * - Rebuild on change: edits under nodes/ and credentials/ are compiled and n8n is restarted.
 * - Ctrl-C stops everything.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startEmulator } from '../dev/emulator';
import {
	AI_ASSISTANT_WORKFLOW_FILE,
	AI_ASSISTANT_WORKFLOW_ID,
	callbellCredential,
	CREDENTIAL_NAME,
	DEMO_WORKFLOW_FILES,
	EMULATOR_WEBHOOK_SECRET,
	loadWorkflow,
	openAiCredential,
	REAL_API_CREDENTIAL_NAME,
	REAL_OPENAI_CREDENTIAL_NAME,
	withChatModel,
} from '../dev/fixtures';
import { SCRIPTED_MODEL_ID, startScriptedModel } from '../dev/model';
import { whatsAppAssistantTurn } from '../dev/model/demoScript';
import { forEachFlag } from '../dev/flags';
import { cacheDir, ensureN8n } from '../dev/n8n/install';
import { N8nInstance } from '../dev/n8n/instance';
import { freePort, portInUse } from '../dev/n8n/ports';
import { N8nQueue } from '../dev/n8n/queue';
import type { OwnerAccount } from '../dev/n8n/rest';
import type { N8nServer } from '../dev/n8n/server';
import { N8N_TARGETS, parseTargetSelection } from '../dev/n8n/versions';
import { PACKAGE_NAME, repoRoot } from '../dev/package';
import { onShutdown, run, stopAll } from '../dev/proc';
import { formatMs, Phases } from '../dev/timing';

export const DEV_OWNER: OwnerAccount = {
	email: 'dev@callbell.local',
	firstName: 'Callbell',
	lastName: 'Developer',
	password: 'Callbell-dev-1',
};

const REAL_API_BASE_URL = 'https://api.callbell.eu/v1';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** The OpenAI Chat Model 1.2's own default. */
const OPENAI_DEFAULT_MODEL = 'gpt-4.1-mini';

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string): string => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

async function pickPort(envName: string, preferred: number): Promise<number> {
	const fromEnv = process.env[envName];
	if (fromEnv) {
		const port = Number(fromEnv);
		if (!Number.isInteger(port) || port <= 0)
			throw new Error(`${envName}=${fromEnv} is not a port`);
		if (await portInUse(port)) throw new Error(`${envName}=${port}: the port is already in use`);
		return port;
	}
	return (await portInUse(preferred)) ? await freePort() : preferred;
}

interface DevState {
	demoWorkflowHash?: string;
}

function readState(file: string): DevState {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as DevState;
	} catch {
		return {};
	}
}

let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
let model: Awaited<ReturnType<typeof startScriptedModel>> | undefined;
let server: N8nServer | undefined;
let instance: N8nInstance | undefined;
/** With `--queue`: Redis and n8n's processes; `server` is its main. */
let queue: N8nQueue | undefined;
const watchers: fs.FSWatcher[] = [];
/** Set while stopping or restarting n8n on purpose (its exit is then expected). */
let stopping = false;

async function cleanup(): Promise<void> {
	stopping = true;
	for (const w of watchers) w.close();
	await (queue ? queue.stop() : server?.stop());
	await emulator?.close();
	await model?.close();
	log(`Stopped n8n, the emulator${model ? ' and the scripted model' : ''}.`);
}

async function fail(message: string): Promise<never> {
	log(`\nnpm run dev failed: ${message}`);
	await cleanup().catch(() => undefined);
	await stopAll(5000);
	process.exit(1);
}

/** `--queue` and `--workers N`. */
function readFlags(argv: string[]): { queue: boolean; workers: number } {
	const flags = { queue: false, workers: 2 };
	forEachFlag(argv, (flag, value) => {
		if (flag === '--queue') flags.queue = true;
		else if (flag === '--workers') {
			flags.workers = Number(value());
			if (!Number.isInteger(flags.workers) || flags.workers < 1)
				throw new Error(`--workers needs a whole number from 1, not ${flags.workers}`);
		} else throw new Error(`Unknown flag ${flag}: use --queue, --workers N`);
	});
	return flags;
}

/** What runs in queue mode, one line per process. */
function queueLines(running: N8nQueue): string[] {
	const what: Record<string, string> = {
		start: 'editor, REST API, activates the triggers',
		worker: 'runs the executions',
		webhook: `production webhooks: ${running.webhook.url}/webhook/…`,
	};
	return [
		`  Queue mode    Redis on 127.0.0.1:${running.redis.port} (PID ${running.redis.pid}); database: ${running.databaseLabel}`,
		...running.processes.map(
			(p) =>
				`                [${p.name}] n8n ${p.command}, PID ${p.server?.pid}, ${p.server?.url}  (${what[p.command]})`,
		),
	];
}

async function main(): Promise<void> {
	const started = Date.now();
	const flags = readFlags(process.argv.slice(2));
	const phases = new Phases('', log);
	const target =
		parseTargetSelection(process.env.CALLBELL_N8N_VERSION, ['1'])[0] ?? N8N_TARGETS['1'];
	const realToken = process.env.CALLBELL_API_TOKEN?.trim() || undefined;
	const realBaseUrl = process.env.CALLBELL_BASE_URL?.trim() || REAL_API_BASE_URL;
	const openAiKey = process.env.OPENAI_API_KEY?.trim() || undefined;
	const openAiBaseUrl = process.env.OPENAI_BASE_URL?.trim() || OPENAI_BASE_URL;
	const openAiModel = process.env.OPENAI_MODEL?.trim() || OPENAI_DEFAULT_MODEL;

	onShutdown(async (signal) => {
		log(`\n${signal}: stopping …`);
		await cleanup();
	});

	const install = await ensureN8n(target, { phases, log });

	emulator = await phases.run('start the Callbell emulator (demo account)', async () =>
		startEmulator({
			port: await pickPort('CALLBELL_EMULATOR_PORT', 4010),
			seed: 'demo',
			// The Callbell Trigger demo: n8n's webhook URL is on 127.0.0.1, and deliveries are signed.
			allowLocalWebhookUrls: true,
			webhookSecret: EMULATOR_WEBHOOK_SECRET,
			log: (line) => process.stdout.write(`[emulator] ${line}\n`),
		}),
	);

	// The AI assistant demo's model: the scripted test double, unless a real OpenAI key is given.
	if (!openAiKey) {
		model = await phases.run('start the scripted model (a test double of OpenAI)', async () =>
			startScriptedModel({
				port: await pickPort('CALLBELL_MODEL_PORT', 4011),
				fallback: whatsAppAssistantTurn,
				log: (line) => process.stdout.write(`[model] ${line}\n`),
			}),
		);
	}
	const modelCredential = model
		? openAiCredential({ apiKey: model.apiKey, baseUrl: model.baseUrl })
		: openAiCredential({
				apiKey: openAiKey!,
				baseUrl: openAiBaseUrl,
				name: REAL_OPENAI_CREDENTIAL_NAME,
			});

	const userFolder = path.join(
		cacheDir(),
		'dev-user',
		`${flags.queue ? 'queue-' : ''}n8n-${target.key}`,
	);
	fs.mkdirSync(userFolder, { recursive: true });
	const port = await pickPort('CALLBELL_N8N_PORT', 5678);
	if (flags.queue) {
		queue = await phases.run(`Redis and a user folder for each of n8n's processes`, () =>
			N8nQueue.create({
				install,
				workers: flags.workers,
				mainPort: port,
				folder: userFolder,
				log: (line) => log(dim(line)),
				output: (name, line) =>
					process.stdout.write(
						dim(`[${name}] ${line}
`),
					),
			}),
		);
	} else {
		instance = await N8nInstance.create({ install, userFolder, log: (line) => log(dim(line)) });
	}
	const cli = queue ? queue.cli : instance!.cli;

	const credential = realToken
		? callbellCredential({
				apiToken: realToken,
				baseUrl: realBaseUrl,
				name: REAL_API_CREDENTIAL_NAME,
			})
		: callbellCredential({
				apiToken: emulator.token,
				baseUrl: emulator.baseUrl,
				name: CREDENTIAL_NAME,
				webhookSecret: EMULATOR_WEBHOOK_SECRET,
			});
	// Re-imported on every start: the emulator's and the model's ports may change, and so may
	// CALLBELL_API_TOKEN and OPENAI_API_KEY.
	await phases.run(
		`credentials "${credential.name}" → ${String(credential.data.baseUrl)}, "${modelCredential.name}" → ${String(modelCredential.data.url)}`,
		() => cli.importCredentials([credential, modelCredential]),
	);

	const stateFile = path.join(userFolder, 'callbell-dev.json');
	const state = readState(stateFile);
	// With a real OpenAI key the assistant asks for a real model (its id is part of the hash).
	const demos = DEMO_WORKFLOW_FILES.map((file) =>
		file === AI_ASSISTANT_WORKFLOW_FILE
			? withChatModel(loadWorkflow(file), model ? SCRIPTED_MODEL_ID : openAiModel)
			: loadWorkflow(file),
	);
	const demoHash = crypto
		.createHash('sha256')
		.update(JSON.stringify(demos))
		.digest('hex')
		.slice(0, 16);
	if (state.demoWorkflowHash !== demoHash) {
		await phases.run(`${state.demoWorkflowHash ? 'update' : 'import'} the demo workflows`, () =>
			cli.importWorkflows(demos),
		);
		fs.writeFileSync(stateFile, JSON.stringify({ ...state, demoWorkflowHash: demoHash }, null, 2));
	}

	const startServer = async (): Promise<N8nServer> => {
		let s: N8nServer;
		let processes: Array<{ name: string; server: N8nServer }>;
		if (queue) {
			await queue.start();
			s = queue.main;
			processes = queue.processes.map((p) => ({ name: p.name, server: p.server! }));
		} else {
			s = await instance!.startServer({ port });
			s.pipeOutput((chunk) => {
				for (const line of chunk.split('\n'))
					if (line.trim()) process.stdout.write(dim(`[n8n] ${line}\n`));
			});
			processes = [{ name: 'n8n', server: s }];
		}
		const owner = await s.ensureOwner(DEV_OWNER);
		if (owner.created) log(`  created the owner account ${DEV_OWNER.email}`);
		for (const { name, server: p } of processes) {
			void p.child.exited.then(async (code) => {
				if (server === s && !stopping) {
					await fail(
						`${name} exited unexpectedly (${code}):\n${p.stdout.text(20)}\n${p.stderr.text(20)}`,
					);
				}
			});
		}
		return s;
	};

	server = await phases.run(
		queue
			? `start n8n ${install.n8nVersion} in queue mode (main, ${flags.workers} workers, webhook)`
			: `start n8n ${install.n8nVersion}`,
		startServer,
	);
	// Only against the emulator: activating the trigger on a real account would replace its
	// webhook. The AI assistant is the one active trigger demo (one webhook per account).
	if (!realToken) {
		const running = server;
		await phases.run('activate the Callbell Trigger demo (WhatsApp AI assistant)', () =>
			running.activateWorkflow(AI_ASSISTANT_WORKFLOW_ID),
		);
	}

	const editorUrl = server.url;
	const lines = [
		'',
		bold(
			`n8n ${install.n8nVersion} (Node ${install.node.version}) with ${PACKAGE_NAME} is running — ready in ${formatMs(Date.now() - started)}`,
		),
		'',
		`  Editor        ${bold(`${editorUrl}/`)}`,
		`  Log in as     ${bold(DEV_OWNER.email)}  /  password ${bold(DEV_OWNER.password)}`,
		...(queue ? queueLines(queue) : []),
		...demos.map(
			(demo, index) =>
				`  ${index === 0 ? 'Workflows    ' : '             '} ${editorUrl}/workflow/${String(demo.id)}   ${String(demo.name)}`,
		),
		'                ("Execute workflow" at the bottom of the canvas runs one)',
		...(realToken
			? []
			: [
					`  Trigger demo  active: a WhatsApp message arriving in the emulator starts the WhatsApp AI assistant. Try:`,
					`                curl -X POST ${emulator.url}/__emulator/incoming-message -H 'content-type: application/json' \\`,
					`                  -d '{"from": "+39 123 456 7890", "text": "Is the demo still on? Can I talk to a person?"}'`,
					'                (the auto-reply demo, inactive: one reply per burst of messages, voice notes as binary; activating it takes the one webhook over)',
				]),
		model
			? `  AI model      ${bold('scripted')}: "${modelCredential.name}" → ${model.baseUrl}, a test double that plays a fixed script (what it received: ${model.url}/__model/chats)`
			: `  AI model      "${REAL_OPENAI_CREDENTIAL_NAME}" → ${openAiBaseUrl}, model ${openAiModel} (OPENAI_API_KEY; OPENAI_MODEL to change)`,
		realToken
			? `  Credential    "${REAL_API_CREDENTIAL_NAME}" → ${realBaseUrl} (CALLBELL_API_TOKEN). The demo workflows' contact ids and phone numbers are the emulator's: change them to real ones.`
			: `  Credential    "${CREDENTIAL_NAME}" → ${emulator.baseUrl} (token ${emulator.token})`,
		`  Emulator      ${emulator.url}  (demo account; requests it received: ${emulator.url}/__emulator/requests)`,
		`  User folder   ${userFolder}  (delete it for a fresh start)`,
		'',
		realToken
			? '  Back to the emulator: start again without CALLBELL_API_TOKEN.'
			: '  Real Callbell API: CALLBELL_API_TOKEN=<your token> npm run dev   (CALLBELL_BASE_URL to use another URL)',
		model
			? '  Real AI model: OPENAI_API_KEY=<your key> npm run dev   (OPENAI_MODEL, OPENAI_BASE_URL to change)'
			: '  Back to the scripted model: start again without OPENAI_API_KEY.',
		`  n8n 2.x: CALLBELL_N8N_VERSION=2 npm run dev.  Queue mode: npm run dev -- --queue [--workers N].`,
		'  Editing nodes/ or credentials/ rebuilds and restarts n8n.',
		'  Ctrl-C stops everything.',
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	// Rebuild on change: tsc + assets, then restart n8n (it loads node code once, at start).
	const root = repoRoot();
	let timer: NodeJS.Timeout | undefined;
	let building = false;
	let again = false;
	const rebuild = async (): Promise<void> => {
		if (building) {
			again = true;
			return;
		}
		building = true;
		const t0 = Date.now();
		log(`\nChange detected: rebuilding …`);
		const tsc = await run(
			'tsc',
			process.execPath,
			[path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
			{
				cwd: root,
			},
		);
		const assets =
			tsc.code === 0
				? await run(
						'gulp build:icons',
						process.execPath,
						[path.join(root, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build:icons', '--silent'],
						{
							cwd: root,
						},
					)
				: undefined;
		if (tsc.code !== 0 || (assets && assets.code !== 0)) {
			log(
				`Build failed — n8n keeps running the previous build:\n${tsc.stdout}${tsc.stderr}${assets?.stderr ?? ''}`,
			);
		} else if (!stopping) {
			log(`Built in ${formatMs(Date.now() - t0)}; restarting n8n …`);
			stopping = true;
			try {
				await (queue ? queue.stopN8n() : server?.stop());
				server = undefined;
				server = await startServer();
				log(
					bold(
						`n8n restarted (${formatMs(Date.now() - t0)} in all): reload the editor at ${server.url}/`,
					),
				);
			} catch (error) {
				await fail(`restarting n8n: ${(error as Error).message}`);
			} finally {
				stopping = false;
			}
		}
		building = false;
		if (again) {
			again = false;
			await rebuild();
		}
	};
	for (const dir of ['nodes', 'credentials']) {
		const watcher = fs.watch(path.join(root, dir), { recursive: true }, (_event, file) => {
			if (!file || /(^|\/)\.|~$|\.swp$/.test(String(file))) return;
			if (timer) clearTimeout(timer);
			timer = setTimeout(() => {
				rebuild().catch((error) => log(`Rebuild failed: ${(error as Error).message}`));
			}, 400);
		});
		watchers.push(watcher);
	}
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
