/**
 * `npm run emulator -- [options]`: the Callbell emulator as a standalone server, for your own
 * n8n, curl or anything else that speaks HTTP.
 */
import { forEachFlag } from '../flags';
import { isWebhookSecret } from './deliveries';
import { startEmulator, type EmulatorOptions } from './index';
import type { SeedName } from './seed';

const USAGE = `Usage: npm run emulator -- [options]

  --port <n>         port to listen on (default 4010; 0 = any free port)
  --host <address>   address to listen on (default 127.0.0.1)
  --seed <name>      demo (a believable account, default) or test (the tests' small account)
  --contacts <n>     append n generated contacts to the seed, for pagination (default 0)
  --token <token>    the API token to accept (default: the test token)
  --latency <ms>     delay added to every answer (default 0)
  --rate-limit <n>   requests per second before 429 + Retry-After (default 300)
  --webhook-secret <whsec_…>    sign webhook deliveries (X-Callbell-Signature) with this secret
                                (default: unsigned; PUT /__emulator/webhook-secret changes it)
  --webhook-retries <n>         retries of a delivery that gets no 2xx (default 2)
  --webhook-retry-delay <ms>    wait before each retry (default 1000)
  --allow-local-webhooks        accept webhook URLs on localhost/127.x (Callbell refuses them),
                                e.g. an n8n on this machine
  --quiet            do not log requests and deliveries
  --help             show this text`;

function parseArguments(argv: string[]): EmulatorOptions & { quiet: boolean } {
	const options: EmulatorOptions & { quiet: boolean } = {
		port: 4010,
		seed: 'demo',
		quiet: false,
		webhookRetries: 2,
	};
	forEachFlag(argv, (flag, value) => {
		const number = () => {
			const parsed = Number(value());
			if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a number`);
			return parsed;
		};
		const wholeNumber = () => {
			const parsed = number();
			if (!Number.isInteger(parsed)) throw new Error(`${flag} needs a whole number`);
			return parsed;
		};
		switch (flag) {
			case '--port':
				options.port = number();
				break;
			case '--host':
				options.host = value();
				break;
			case '--seed': {
				const seed = value();
				if (seed !== 'demo' && seed !== 'test') throw new Error('--seed is demo or test');
				options.seed = seed as SeedName;
				break;
			}
			case '--contacts':
				options.extraContacts = wholeNumber();
				break;
			case '--token':
				options.token = value();
				break;
			case '--latency':
				options.latencyMs = number();
				break;
			case '--rate-limit':
				options.rateLimitPerSecond = number();
				break;
			case '--webhook-secret': {
				const secret = value();
				if (!isWebhookSecret(secret))
					throw new Error('--webhook-secret starts with whsec_ (as Callbell generates them)');
				options.webhookSecret = secret;
				break;
			}
			case '--webhook-retries':
				options.webhookRetries = wholeNumber();
				break;
			case '--webhook-retry-delay':
				options.webhookRetryDelayMs = number();
				break;
			case '--allow-local-webhooks':
				options.allowLocalWebhookUrls = true;
				break;
			case '--quiet':
				options.quiet = true;
				break;
			case '--help':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${flag}`);
		}
	});
	return options;
}

/** The banner's webhook line; never the secret itself. */
function describeWebhooks(options: EmulatorOptions): string {
	const signing = options.webhookSecret ? 'signed (X-Callbell-Signature)' : 'unsigned';
	const retries = `${options.webhookRetries ?? 0} retries after ${options.webhookRetryDelayMs ?? 1000} ms`;
	const local = options.allowLocalWebhookUrls
		? 'localhost URLs accepted'
		: 'localhost URLs refused (--allow-local-webhooks)';
	return `${signing}, ${retries}, ${local}`;
}

async function main(): Promise<void> {
	let options: ReturnType<typeof parseArguments>;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)}  ${line}`);
	const emulator = await startEmulator({ ...options, log: options.quiet ? undefined : log });
	const state = emulator.state;
	console.log(`Callbell emulator listening

  Base URL     ${emulator.baseUrl}
  API token    ${emulator.token}
  Seed         ${options.seed}: ${state.contacts.length} contacts, ${state.teams.length} teams, ${state.users.length} collaborators, ${state.tags.length} tags, ${state.customFields.length} custom fields
  Latency      ${options.latencyMs ?? 0} ms      Rate limit  ${options.rateLimitPerSecond ?? 300} requests/s
  Webhooks     ${describeWebhooks(options)}

  Try it:      curl -H "Authorization: Bearer ${emulator.token}" ${emulator.baseUrl}/auth/me
  Admin (no auth), under ${emulator.url}/__emulator:
    GET|DELETE /requests (?summary=true)   POST|DELETE /faults   POST /reset   GET /state
    POST /incoming-message {"from": "+39 123 456 7890", "text": "Hi", "channel"?: "whatsapp",
                            "attachments"?: ["voice-note.ogg" | "photo.jpg" | "invoice.pdf" | "https://…"]}
    POST /incoming-messages {"from": "…", "messages": [{"text"?, "attachments"?}, …], "intervalMs"?: 200}
                            (a burst: deliveries in quick succession, none waits for an answer)
    POST /webhook-redeliver (the last event again, same body, signed with a new t: Callbell's retry)
    POST /message-status {"uuid": "…", "status": "delivered" | "read" | "failed"}
    POST /messages {"contact": "<uuid>", "hoursAgo": 30, "direction"?: "received", "text"?: "…"}
    POST /webhook-check (Callbell's connection check)   POST /webhook-events {"event", "payload"}
    PUT /webhook-secret {"secret": "whsec_…" | null}   GET /webhook-deliveries/settled
  Attachments (no auth, requests recorded): ${emulator.url}/attachments/photo.jpg, voice-note.ogg,
    invoice.pdf; /attachments/sized/<bytes>.bin (up to 100 MB)

Ctrl-C stops it.
`);
	const stop = () => {
		void emulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

void main();
