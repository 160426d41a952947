/**
 * A webhook trigger of this package as n8n runs it, in-process: its `webhookMethods`
 * (checkExists → create on activation, delete on deactivation) through n8n-core's HookContext,
 * and its `webhook()` through n8n-core's WebhookContext with an express-like request and response.
 * The workflow's static data lives as long as the object, as it does in n8n between activations.
 */
import type {
	IBinaryKeyData,
	IDataObject,
	INode,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { UserError, Workflow } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import { createAdditionalData } from './additional-data';
import type { CredentialsByType } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LoadedPackage } from './package-loader';

export interface WebhookRequest {
	/** The bytes Callbell sends; an object is sent as its JSON. */
	body: string | Buffer | object;
	headers?: Record<string, string>;
	/** As if n8n had not kept the raw bytes (only the parsed body reaches the node). */
	withoutRawBody?: boolean;
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
	/** The items the workflow starts with; undefined when the request started nothing. */
	items?: IDataObject[];
	/** Each item's binary data (an empty object for an item without). */
	binaries?: IBinaryKeyData[];
}

/** A request under way: Callbell's answer as soon as the node gives it, and what the request started. */
export interface WebhookDelivery {
	answered: Promise<{ status: number; body: unknown }>;
	done: Promise<WebhookAnswer>;
}

export interface TriggerOptions {
	/** Where n8n's webhooks live (production), e.g. the URL of a local receiver. */
	webhookBaseUrl: string;
	webhookTestBaseUrl?: string;
	workflowId?: string;
}

/** Each trigger under test is in a workflow of its own unless told: what one remembers is its own. */
let workflowsCreated = 0;

export class TriggerUnderTest {
	/** The workflow's static data, kept between activations as n8n keeps it. */
	readonly staticData: IDataObject = {};
	/** n8n starts each test listening from empty static data, apart from the workflow's own. */
	private testStaticData: IDataObject = {};
	private readonly workflowId: string;

	constructor(
		private readonly pkg: LoadedPackage,
		private readonly node: INode,
		private readonly credentials: CredentialsByType,
		private readonly options: TriggerOptions,
	) {
		this.workflowId = options.workflowId ?? `harnessTrigger${String(++workflowsCreated)}`;
	}

	private workflow(isTest = false): Workflow {
		return new Workflow({
			id: this.workflowId,
			nodes: [this.node],
			connections: {},
			active: !isTest,
			nodeTypes: this.pkg.nodeTypes,
			staticData: isTest ? this.testStaticData : this.staticData,
		});
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		const data = createAdditionalData(
			new HarnessCredentialsHelper(this.pkg.credentialTypes, this.credentials),
		);
		data.webhookBaseUrl = this.options.webhookBaseUrl;
		data.webhookTestBaseUrl =
			this.options.webhookTestBaseUrl ?? `${this.options.webhookBaseUrl}-test`;
		return data;
	}

	private webhookData(
		workflow: Workflow,
		additionalData: IWorkflowExecuteAdditionalData,
		isTest: boolean,
	): IWebhookData {
		const description = this.pkg.nodeTypes.getByNameAndVersion(
			this.node.type,
			this.node.typeVersion,
		).description.webhooks?.[0];
		if (!description) throw new UserError(`${this.node.type} has no webhook`);
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: String(workflow.id),
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	private async hook(
		method: 'checkExists' | 'create' | 'delete',
		isTest: boolean,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const workflow = this.workflow(isTest);
		const additionalData = this.additionalData();
		const nodeType = this.pkg.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const call = nodeType.webhookMethods?.default?.[method];
		if (!call) throw new UserError(`${this.node.type} has no webhook method ${method}`);
		const context = new HookContext(
			workflow,
			this.node,
			additionalData,
			isTest ? 'manual' : 'trigger',
			activation,
			this.webhookData(workflow, additionalData, isTest),
		);
		return await call.call(context);
	}

	/** What n8n does on activation (or "listen for test event"): checkExists, then create if it says no. */
	async activate(isTest = false): Promise<{ created: boolean }> {
		if (isTest) this.testStaticData = {};
		const activation: WorkflowActivateMode = isTest ? 'manual' : 'activate';
		if ((await this.hook('checkExists', isTest, activation)) === true) return { created: false };
		await this.hook('create', isTest, activation);
		return { created: true };
	}

	/** n8n's deactivation (or the test's end): what `delete` answered. */
	async deactivate(isTest = false): Promise<boolean | undefined> {
		return await this.hook('delete', isTest, isTest ? 'manual' : 'activate');
	}

	/** The URL n8n would register for this trigger. */
	webhookUrl(isTest = false): string {
		const base = isTest
			? (this.options.webhookTestBaseUrl ?? `${this.options.webhookBaseUrl}-test`)
			: this.options.webhookBaseUrl;
		return `${base}/${String(this.node.webhookId)}/webhook`;
	}

	/** One request to the webhook, as n8n's webhook server hands it to the node (to the test URL: `isTest`). */
	async receive(request: WebhookRequest, isTest = false): Promise<WebhookAnswer> {
		return await this.deliver(request, isTest).done;
	}

	/** One request, without waiting for what it starts: a burst's first delivery waits out the window. */
	deliver(request: WebhookRequest, isTest = false): WebhookDelivery {
		let markAnswered: (answer: { status: number; body: unknown }) => void = () => {};
		const answered = new Promise<{ status: number; body: unknown }>(
			(resolve) => (markAnswered = resolve),
		);
		const done = this.handle(request, isTest, (status, body) => markAnswered({ status, body }));
		void done.then(
			(answer) => markAnswered(answer),
			() => undefined,
		);
		return { answered, done };
	}

	private async handle(
		request: WebhookRequest,
		isTest: boolean,
		onAnswer: (status: number, body: unknown) => void,
	): Promise<WebhookAnswer> {
		const workflow = this.workflow(isTest);
		const additionalData = this.additionalData();
		const rawBody = Buffer.isBuffer(request.body)
			? request.body
			: Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
		let parsed: unknown;
		try {
			parsed = JSON.parse(rawBody.toString('utf8'));
		} catch {
			parsed = {};
		}
		const headers = Object.fromEntries(
			Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
		);
		const answer: WebhookAnswer = { status: 0, body: undefined };
		const response = {
			status(code: number) {
				answer.status = code;
				return response;
			},
			json(body: unknown) {
				answer.body = body;
				onAnswer(answer.status, body);
				return response;
			},
			send(body: unknown) {
				answer.body = body;
				onAnswer(answer.status, body);
				return response;
			},
			end() {
				return response;
			},
		};
		additionalData.httpRequest = {
			headers,
			body: parsed,
			...(request.withoutRawBody !== true && { rawBody }),
			method: 'POST',
			query: {},
			params: {},
		} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse =
			response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const nodeType = this.pkg.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		if (!nodeType.webhook) throw new UserError(`${this.node.type} has no webhook()`);
		const context = new WebhookContext(
			workflow,
			this.node,
			additionalData,
			isTest ? 'manual' : 'webhook',
			this.webhookData(workflow, additionalData, isTest),
			[],
			null,
		);
		const result = await nodeType.webhook.call(context);
		const started = result.workflowData?.[0];
		const items = started?.map((item) => item.json);
		const binaries = started?.map((item) => item.binary ?? {});
		// Without noWebhookResponse, n8n answers itself (responseMode onReceived): 200 and the node's webhookResponse.
		if (result.noWebhookResponse !== true)
			return { status: 200, body: result.webhookResponse, items, binaries };
		return { ...answer, items, binaries };
	}
}
