/**
 * The Callbell emulator: a real HTTP server on 127.0.0.1 that behaves like Callbell's REST API
 * (../../../shared/callbell-api.md), rate limit and faults included. Used by the tests, the
 * end-to-end runs, `npm run dev` and `npm run emulator`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline, type Readable } from 'node:stream';

import { parseJson, readBody } from '../httpBody';
import { ATTACHMENTS_PREFIX, attachmentAnswer } from './attachments';
import { createWebhookDeliveries, isWebhookSecret, type DeliveryResult } from './deliveries';
import { messageCreatedPayload, messageStatusPayload } from './events';
import { ApiError, matchRoute, unprocessable, type Route, type RouteOptions } from './http';
import {
	burstMessages,
	receiveMessage,
	seedMessage,
	setMessageStatus,
	type SeededMessage,
} from './inbox';
import { accountRoutes } from './routes/account';
import { contactRoutes } from './routes/contacts';
import { messageRoutes } from './routes/messages';
import { webhookRoutes } from './routes/webhooks';
import { TEST_TOKEN, buildSeed, type SeedName } from './seed';
import { contactJson, messageJson, type EmulatorState, type Message } from './state';

export type { EmulatorState } from './state';
export type { SeededMessage } from './inbox';
export { SIGNATURE_HEADER, signWebhookBody, type DeliveryResult } from './deliveries';
export { ATTACHMENTS } from './attachments';

export interface EmulatorOptions {
	host?: string;
	port?: number;
	/** The one accepted API token; default TEST_TOKEN. */
	token?: string;
	seed?: SeedName;
	/** Generated contacts appended after the seeded ones, for pagination; the same after every reset. */
	extraContacts?: number;
	/** Added before every answer. */
	latencyMs?: number;
	/** Per token, sliding one-second window; above it: 429 with Retry-After. */
	rateLimitPerSecond?: number;
	contactResponseShape?: 'object' | 'array';
	pageSize?: number;
	/** Accept webhook URLs on localhost / 127.x (Callbell refuses them; tests and `npm run dev` need them). */
	allowLocalWebhookUrls?: boolean;
	/** The account's webhook secret (`whsec_…`): deliveries carry X-Callbell-Signature. Default: none, unsigned. */
	webhookSecret?: string;
	/** Further attempts at a delivery that did not get a 2xx (default 0). */
	webhookRetries?: number;
	/** Wait before each retry (default 1000). */
	webhookRetryDelayMs?: number;
	/** One line per request (method, path, status, ms) and per webhook delivery; never the token or the secret. */
	log?: (line: string) => void;
}

export interface RecordedRequest {
	method: string;
	/** Raw path as received, without the query string. */
	path: string;
	rawUrl: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: unknown;
	status: number;
	receivedAt: number;
	/** When the answer was sent (0 while pending, or if the connection was dropped). */
	answeredAt: number;
	/** API requests being answered when this one arrived, itself included. */
	inFlight: number;
}

export interface Fault {
	method?: string;
	/** Exact raw path (with /v1, or /attachments/<name>), or a pattern tested against it. */
	path?: string | RegExp;
	/** The answer instead of the real one; without it, the real answer (after `delayMs`). */
	status?: number;
	body?: string | object;
	contentType?: string;
	headers?: Record<string, string>;
	/** How many matching requests get it (default 1; Infinity = always). */
	times?: number;
	delayMs?: number;
	/** Close the socket without answering. */
	dropConnection?: boolean;
	/** Callbell does the work first and only its answer is lost or replaced: a send that went out. */
	afterHandling?: boolean;
}

/** A message a contact sent in, as the admin endpoints answer it. */
export type ReceivedMessage = ReturnType<typeof messageJson>;

export interface CallbellEmulator {
	url: string;
	baseUrl: string;
	port: number;
	token: string;
	requests: RecordedRequest[];
	state: EmulatorState;
	requestsTo(method: string, pathPattern: string | RegExp): RecordedRequest[];
	injectFault(fault: Fault): void;
	clearFaults(): void;
	reset(): void;
	/**
	 * A message of a contact's conversation written at a chosen time (default: received, now),
	 * e.g. `{contact, hoursAgo: 30}` for a closed WhatsApp window; no webhook. Also
	 * `POST /__emulator/messages`.
	 */
	seedMessage(message: SeededMessage): Message;
	/** `${url}/attachments/<name>`: where one of ATTACHMENTS is served (no token needed, requests recorded). */
	attachmentUrl(name: string): string;
	/**
	 * A contact writes in (`{from, text?, attachments?, channel?}`, as `POST /__emulator/incoming-message`):
	 * stored, then `message_created` delivered; resolves once the receiver answered. Invalid → ApiError 422.
	 */
	receiveMessage(
		json: Record<string, unknown>,
	): Promise<{ message: ReceivedMessage; delivery: DeliveryResult }>;
	/**
	 * A burst (`{from, channel?, messages: [{text?, attachments?}], intervalMs?}`, as
	 * `POST /__emulator/incoming-messages`): each message `intervalMs` apart (default 200), each
	 * delivery started without waiting for the previous one's answer; resolves when all answered.
	 */
	receiveMessages(
		json: Record<string, unknown>,
	): Promise<{ messages: ReceivedMessage[]; deliveries: DeliveryResult[] }>;
	/**
	 * Callbell's retry of a delivery it got no answer to: the last delivered event again, the same
	 * raw body, signed with a new `t`; undefined when nothing was delivered yet or nothing is subscribed.
	 */
	redeliverLastEvent(): Promise<DeliveryResult | undefined>;
	/** Delivers any event now (if subscribed) and resolves with the receiver's answer. */
	emitWebhookEvent(event: string, payload: object): Promise<DeliveryResult>;
	/** Resolves when every webhook delivery started so far has finished, retries included. */
	webhookDeliveriesSettled(): Promise<void>;
	/** Signs deliveries from now on with this secret; null stops signing. reset() brings back the option's. */
	setWebhookSecret(secret: string | null): void;
	/** Callbell's connection check: POST `{}` (no event) to the subscribed URL; undefined if none is subscribed. */
	checkWebhook(): Promise<DeliveryResult | undefined>;
	close(): Promise<void>;
}

const API_PREFIX = '/v1';
const ADMIN_PREFIX = '/__emulator';
const ROUTES: Route[] = [...contactRoutes, ...messageRoutes, ...accountRoutes, ...webhookRoutes];

interface WebhookEventToSend {
	event: string;
	payload: object;
}

interface Answer {
	status: number;
	body?: string | object;
	contentType?: string;
	headers?: Record<string, string>;
	/** A file's bytes, sent as they come (its type and length are in `headers`). */
	stream?: Readable;
	/** Events the request caused, delivered once it is answered. */
	events?: WebhookEventToSend[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(response: ServerResponse, answer: Answer): void {
	if (answer.stream) {
		// pipeline, not pipe: a client that hangs up mid-download ends the stream too.
		pipeline(answer.stream, response.writeHead(answer.status, answer.headers), () => undefined);
		return;
	}
	const isText = typeof answer.body === 'string';
	const payload =
		answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
	const headers: Record<string, string> = { ...answer.headers };
	if (answer.status !== 204 && answer.body !== undefined) {
		headers['content-type'] =
			answer.contentType ??
			(isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
	}
	response.writeHead(answer.status, headers).end(answer.status === 204 ? undefined : payload);
}

function faultMatches(fault: Fault, method: string, path: string): boolean {
	if (fault.method && fault.method.toUpperCase() !== method) return false;
	if (fault.path === undefined) return true;
	return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
}

/** What a benchmark needs of a request, without headers and bodies (10,000 of them stay small). */
export type RequestSummary = Pick<
	RecordedRequest,
	'method' | 'path' | 'status' | 'receivedAt' | 'answeredAt'
>;

function summarize({
	method,
	path,
	status,
	receivedAt,
	answeredAt,
}: RecordedRequest): RequestSummary {
	return { method, path, status, receivedAt, answeredAt };
}

/** Admin faults arrive as JSON: a regex is given as {"pathRegex": "..."}. */
function faultFromJson(json: Record<string, unknown>): Fault {
	const { pathRegex, times, ...rest } = json;
	return {
		...(rest as unknown as Fault),
		...(typeof pathRegex === 'string' && { path: new RegExp(pathRegex) }),
		times: times === null || times === 'Infinity' ? Infinity : (times as number | undefined),
	};
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<CallbellEmulator> {
	if (options.webhookSecret !== undefined && !isWebhookSecret(options.webhookSecret))
		throw new Error('webhookSecret must start with whsec_');
	const token = options.token ?? TEST_TOKEN;
	const seed = options.seed ?? 'test';
	const rateLimit = options.rateLimitPerSecond ?? 300;
	const routeOptions: RouteOptions = {
		contactResponseShape: options.contactResponseShape ?? 'object',
		pageSize: options.pageSize ?? 50,
		allowLocalWebhookUrls: options.allowLocalWebhookUrls ?? false,
		log: options.log,
	};
	const deliveries = createWebhookDeliveries({
		secret: options.webhookSecret ?? null,
		retries: options.webhookRetries ?? 0,
		retryDelayMs: options.webhookRetryDelayMs ?? 1000,
		log: options.log,
	});
	let faults: Fault[] = [];
	let inFlight = 0;
	let recentRequestTimes: number[] = [];
	const sockets = new Set<Socket>();

	const emulator = {
		requests: [] as RecordedRequest[],
		state: buildSeed(seed, options.extraContacts),
	} as CallbellEmulator;

	function isRateLimited(): boolean {
		const nowMs = Date.now();
		recentRequestTimes = recentRequestTimes.filter((time) => nowMs - time < 1000);
		if (recentRequestTimes.length >= rateLimit) return true;
		recentRequestTimes.push(nowMs);
		return false;
	}

	function takeFault(method: string, path: string): Fault | undefined {
		const fault = faults.find((candidate) => faultMatches(candidate, method, path));
		if (!fault) return undefined;
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) faults = faults.filter((candidate) => candidate !== fault);
		return fault;
	}

	async function answerApi(
		method: string,
		path: string,
		query: Record<string, string>,
		headers: IncomingMessage['headers'],
		rawBody: string,
	): Promise<Answer> {
		if (headers.authorization !== `Bearer ${token}`)
			return { status: 401, body: { error: 'Invalid API token' } };
		if (isRateLimited())
			return {
				status: 429,
				body: { message: 'Too Many Requests' },
				headers: { 'Retry-After': '1' },
			};
		const parsed = parseJson(rawBody);
		if (!parsed.ok) return { status: 400, body: { error: 'Invalid JSON body' } };
		const match = matchRoute(ROUTES, method, path.slice(API_PREFIX.length));
		if (!match) return { status: 404, body: { error: 'Not found' } };
		const body =
			typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)
				? (parsed.value as Record<string, unknown>)
				: {};
		const events: WebhookEventToSend[] = [];
		const emit = (event: string, payload: object) => events.push({ event, payload });
		try {
			const answer = await match.route.handler({
				params: match.params,
				query,
				body,
				state: emulator.state,
				options: routeOptions,
				emit,
			});
			return { status: answer.status ?? 200, body: answer.body, events };
		} catch (error) {
			if (error instanceof ApiError) return { status: error.status, body: error.body };
			return { status: 500, body: { error: 'Internal Server Error' } };
		}
	}

	/** Delivered in the background (Callbell answers first); webhookDeliveriesSettled() waits for them. */
	function deliverInBackground(events: WebhookEventToSend[] = []): void {
		for (const { event, payload } of events)
			void deliveries.deliver(emulator.state, event, payload);
	}

	/** A contact wrote in: stored, then `message_created` (status received) delivered, not awaited. */
	function receiveOne(json: Record<string, unknown>) {
		const state = emulator.state;
		const { message, contact, created } = receiveMessage(state, json, emulator.attachmentUrl);
		const attachments = message.attachments?.length;
		options.log?.(
			`✉ message from ${contact.name} (${contact.phoneNumber ?? contact.uuid}, ${contact.source}): ${JSON.stringify(message.text)}${attachments ? ` + ${attachments} attachment(s)` : ''}`,
		);
		if (created)
			deliverInBackground([{ event: 'contact_created', payload: contactJson(state, contact) }]);
		const delivery = deliveries.deliver(
			state,
			'message_created',
			messageCreatedPayload(state, message, contact),
		);
		return { message: messageJson(message), delivery };
	}

	async function incomingMessage(json: Record<string, unknown>) {
		const { message, delivery } = receiveOne(json);
		return { message, delivery: await delivery };
	}

	/** Messages in quick succession, as Callbell delivers them: nobody waits for an answer in between. */
	async function incomingBurst(json: Record<string, unknown>) {
		const { intervalMs, bodies } = burstMessages(json, emulator.attachmentUrl);
		const started = Date.now();
		const received: Array<ReturnType<typeof receiveOne>> = [];
		for (const [index, body] of bodies.entries()) {
			if (index > 0) await sleep(Math.max(0, started + index * intervalMs - Date.now()));
			received.push(receiveOne(body));
		}
		return {
			messages: received.map(({ message }) => message),
			deliveries: await Promise.all(received.map(({ delivery }) => delivery)),
		};
	}

	async function messageStatus(json: Record<string, unknown>): Promise<Answer> {
		const state = emulator.state;
		const { message, contact } = setMessageStatus(state, json);
		const payload = messageStatusPayload(state, message, contact);
		const delivery = await deliveries.deliver(state, 'message_status_updated', payload);
		return {
			status: 200,
			body: {
				message: {
					uuid: payload.uuid,
					status: payload.status,
					messageStatusPayload: payload.messageStatusPayload,
				},
				delivery,
			},
		};
	}

	function setSecret(json: Record<string, unknown>): Answer {
		if (json.secret !== null && !isWebhookSecret(json.secret))
			throw unprocessable([
				'secret must be a string starting with whsec_, or null to turn signing off',
			]);
		emulator.setWebhookSecret(json.secret);
		return { status: 200, body: { status: 'ok', signing: json.secret !== null } };
	}

	async function answerAdmin(
		method: string,
		path: string,
		query: Record<string, string>,
		rawBody: string,
	): Promise<Answer> {
		try {
			return await adminAction(method, path, query, rawBody);
		} catch (error) {
			if (error instanceof ApiError) return { status: error.status, body: error.body };
			throw error;
		}
	}

	async function adminAction(
		method: string,
		path: string,
		query: Record<string, string>,
		rawBody: string,
	): Promise<Answer> {
		const action = `${method} ${path.slice(ADMIN_PREFIX.length)}`;
		const json = (parseJson(rawBody).value ?? {}) as Record<string, unknown>;
		switch (action) {
			case 'GET /requests':
				return {
					status: 200,
					body: query.summary === 'true' ? emulator.requests.map(summarize) : emulator.requests,
				};
			case 'DELETE /requests':
				emulator.requests.length = 0;
				return { status: 204 };
			case 'POST /faults':
				emulator.injectFault(faultFromJson(json));
				return { status: 201, body: { status: 'ok' } };
			case 'DELETE /faults':
				emulator.clearFaults();
				return { status: 204 };
			case 'POST /reset':
				emulator.reset();
				return { status: 200, body: { status: 'ok' } };
			case 'GET /state':
				return { status: 200, body: emulator.state };
			case 'POST /webhook-events':
				return {
					status: 200,
					body: await emulator.emitWebhookEvent(String(json.event), (json.payload ?? {}) as object),
				};
			case 'POST /incoming-message':
				return { status: 200, body: await incomingMessage(json) };
			case 'POST /incoming-messages':
				return { status: 200, body: await incomingBurst(json) };
			case 'POST /messages':
				return { status: 201, body: { message: messageJson(seedMessage(emulator.state, json)) } };
			case 'POST /message-status':
				return await messageStatus(json);
			case 'PUT /webhook-secret':
				return setSecret(json);
			case 'POST /webhook-check': {
				const result = await emulator.checkWebhook();
				return result
					? { status: 200, body: result }
					: { status: 404, body: { error: 'No webhook subscribed' } };
			}
			case 'POST /webhook-redeliver': {
				const result = await emulator.redeliverLastEvent();
				return result
					? { status: 200, body: result }
					: { status: 404, body: { error: 'No event delivered yet, or no webhook subscribed' } };
			}
			case 'GET /webhook-deliveries/settled':
				await emulator.webhookDeliveriesSettled();
				return { status: 200, body: { status: 'ok' } };
			default:
				return { status: 404, body: { error: 'Not found' } };
		}
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const started = Date.now();
		const rawUrl = request.url ?? '/';
		const questionMark = rawUrl.indexOf('?');
		const path = questionMark === -1 ? rawUrl : rawUrl.slice(0, questionMark);
		const query = Object.fromEntries(
			new URLSearchParams(questionMark === -1 ? '' : rawUrl.slice(questionMark + 1)),
		);
		const method = (request.method ?? 'GET').toUpperCase();
		const rawBody = await readBody(request);

		if (path.startsWith(ADMIN_PREFIX)) {
			send(response, await answerAdmin(method, path, query, rawBody));
			return;
		}
		inFlight++;
		const record: RecordedRequest = {
			method,
			path,
			rawUrl,
			query,
			headers: { ...request.headers },
			rawBody,
			body: parseJson(rawBody).value,
			status: 0,
			receivedAt: started,
			answeredAt: 0,
			inFlight,
		};
		emulator.requests.push(record);
		response.once('close', () => inFlight--);

		const fault = takeFault(method, path);
		if (options.latencyMs) await sleep(options.latencyMs);
		// The work is done, so its events go out even though the answer is lost or replaced.
		const handled = fault?.afterHandling
			? await answerApi(method, path, query, request.headers, rawBody)
			: undefined;
		if (fault?.delayMs) await sleep(fault.delayMs);
		if (fault?.dropConnection) {
			request.socket.destroy();
			options.log?.(`${method} ${path} dropped`);
			deliverInBackground(handled?.events);
			return;
		}
		const answer: Answer =
			fault?.status !== undefined
				? {
						status: fault.status,
						body: fault.body,
						contentType: fault.contentType,
						headers: fault.headers,
					}
				: path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)
					? await answerApi(method, path, query, request.headers, rawBody)
					: path.startsWith(ATTACHMENTS_PREFIX)
						? attachmentAnswer(method, path)
						: { status: 404, body: { error: 'Not found' } };
		record.status = answer.status;
		record.answeredAt = Date.now();
		send(response, answer);
		options.log?.(`${method} ${path} ${answer.status} ${Date.now() - started}ms`);
		deliverInBackground(handled?.events ?? answer.events);
	}

	const server = createServer((request, response) => {
		handle(request, response).catch(() => {
			if (!response.headersSent)
				send(response, { status: 500, body: { error: 'Internal Server Error' } });
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const host = options.host ?? '127.0.0.1';

	return Object.assign(emulator, {
		url: `http://${host}:${port}`,
		baseUrl: `http://${host}:${port}${API_PREFIX}`,
		port,
		token,
		requestsTo: (method: string, pathPattern: string | RegExp) =>
			emulator.requests.filter(
				(request) =>
					request.method === method.toUpperCase() &&
					(typeof pathPattern === 'string'
						? request.path === pathPattern
						: pathPattern.test(request.path)),
			),
		injectFault: (fault: Fault) => {
			faults.push({ ...fault, times: fault.times ?? 1 });
		},
		clearFaults: () => {
			faults = [];
		},
		reset: () => {
			emulator.state = buildSeed(seed, options.extraContacts);
			emulator.requests.length = 0;
			faults = [];
			recentRequestTimes = [];
			deliveries.settings.secret = options.webhookSecret ?? null;
			deliveries.forgetLast();
		},
		attachmentUrl: (name: string) => `${emulator.url}${ATTACHMENTS_PREFIX}${name}`,
		receiveMessage: incomingMessage,
		receiveMessages: incomingBurst,
		redeliverLastEvent: async () => await deliveries.redeliverLast(emulator.state),
		seedMessage: (message: SeededMessage) =>
			seedMessage(emulator.state, message as unknown as Record<string, unknown>),
		emitWebhookEvent: (event: string, payload: object) =>
			deliveries.deliver(emulator.state, event, payload),
		webhookDeliveriesSettled: () => deliveries.settled(),
		setWebhookSecret: (secret: string | null) => {
			if (secret !== null && !isWebhookSecret(secret))
				throw new Error('A webhook secret starts with whsec_');
			deliveries.settings.secret = secret;
		},
		checkWebhook: async () =>
			emulator.state.webhook ? await deliveries.check(emulator.state.webhook.url) : undefined,
		close: () =>
			new Promise<void>((resolve) => {
				deliveries.stop();
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	});
}
