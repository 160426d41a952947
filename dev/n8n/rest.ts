/**
 * n8n's REST API at a base URL, called as the editor calls it: with the session cookie of the
 * login, owner setup, workflow activation, executions, credentials and the credential test.
 */
import type { N8nError } from './errors';
import type { N8nRun } from './executeOutput';
import { parseFlatted } from './flatted';

/** What n8n answers (HTTP 200, plain text) on every route but /healthz until its database is migrated. */
const STARTING_UP = /^n8n is starting up/;

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface RestResponse<T = unknown> {
	status: number;
	body: T;
	text: string;
}

/** A community package as n8n's Community Nodes route answers it. */
export interface CommunityPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: Array<{ name: string; type: string; latestVersion: number }>;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error' | string;
	message: string;
}

export abstract class N8nRest {
	private cookie: string | undefined;

	constructor(readonly url: string) {}

	/** The error for a call that failed (the server adds the end of its output). */
	abstract failure(message: string): N8nError;

	/** A REST call with the session cookie (if logged in); never throws for an HTTP status. */
	async request<T = unknown>(
		method: string,
		urlPath: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<RestResponse<T>> {
		const response = await fetch(`${this.url}${urlPath}`, {
			method,
			headers: {
				accept: 'application/json',
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers,
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(60_000),
		});
		const cookies = response.headers.getSetCookie();
		const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth && auth !== 'n8n-auth=') this.cookie = auth;
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON
		}
		return { status: response.status, body: parsed as T, text };
	}

	/** A REST call that must succeed; returns the `data` of n8n's `{ data }` envelope. */
	async rest<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const response = await this.request<{ data?: T }>(method, urlPath, body);
		if (response.status < 200 || response.status >= 300) {
			throw this.failure(
				`${method} ${urlPath} → HTTP ${response.status}: ${response.text.slice(0, 1000)}`,
			);
		}
		const envelope = response.body;
		return (
			envelope && typeof envelope === 'object' && 'data' in envelope ? envelope.data : envelope
		) as T;
	}

	/** The auth cookie (`n8n-auth=…`), e.g. to hand to a browser. */
	get authCookie(): string | undefined {
		return this.cookie;
	}

	/** Create the owner account unless one exists, then log in as it. */
	async ensureOwner(owner: OwnerAccount): Promise<{ created: boolean }> {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		if (setup.status >= 200 && setup.status < 300) {
			await this.login(owner.email, owner.password);
			return { created: true };
		}
		// Already set up (HTTP 400 "Instance owner already setup"): log in instead.
		try {
			await this.login(owner.email, owner.password);
		} catch (error) {
			throw this.failure(
				`owner setup answered HTTP ${setup.status} (${setup.text.slice(0, 300)}) and login as ${owner.email} failed: ${(error as Error).message.split('\n')[0]}`,
			);
		}
		return { created: false };
	}

	async login(email: string, password: string): Promise<void> {
		// n8n 1.x/2.x take `emailOrLdapLoginId`; older versions took `email`.
		let response = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: email,
			email,
			password,
		});
		// Belt and braces for the start-up window (see N8nServer.waitReady): wait it out rather than fail.
		for (let attempt = 0; attempt < 60 && STARTING_UP.test(response.text); attempt++) {
			await new Promise((r) => setTimeout(r, 500));
			response = await this.request('POST', '/rest/login', {
				emailOrLdapLoginId: email,
				email,
				password,
			});
		}
		if (response.status !== 200 || !this.cookie) {
			throw this.failure(
				`login as ${email} → HTTP ${response.status}: ${response.text.slice(0, 300)}`,
			);
		}
	}

	/**
	 * Activates a workflow as the editor's toggle does: `POST …/activate` with its current version
	 * (n8n 1.x and 2.x). Always sent: n8n 2.x reports an imported workflow as active although it
	 * registered none of its triggers; activating an active version again changes nothing.
	 */
	async activateWorkflow(id: string): Promise<void> {
		const workflow = await this.rest<{ versionId?: string }>(
			'GET',
			`/rest/workflows/${encodeURIComponent(id)}`,
		);
		await this.rest('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, {
			versionId: workflow.versionId,
		});
	}

	async deactivateWorkflow(id: string): Promise<void> {
		await this.rest('POST', `/rest/workflows/${encodeURIComponent(id)}/deactivate`, {});
	}

	/** A workflow's executions (id and status), newest first. */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.rest<{ results?: Array<{ id: string; status: string }> }>(
			'GET',
			`/rest/executions?filter=${filter}`,
		);
		return data.results ?? [];
	}

	/** One execution as n8n stores it; its `data` is n8n's serialised run data (text). */
	async execution(id: string): Promise<{ id: string; status: string; data?: unknown }> {
		return await this.rest('GET', `/rest/executions/${encodeURIComponent(id)}`);
	}

	/** One execution with its run data read, as `n8n execute` prints a run (see executeOutput.ts). */
	async executionRun(id: string): Promise<N8nRun> {
		const execution = await this.execution(id);
		if (typeof execution.data !== 'string')
			throw this.failure(`execution ${id} has no stored run data (status ${execution.status})`);
		return { ...execution, data: parseFlatted(execution.data) as N8nRun['data'] };
	}

	/**
	 * Installs a community package as *Settings → Community Nodes → Install* does: n8n packs it
	 * from its registry (`N8N_COMMUNITY_PACKAGES_REGISTRY`) into `~/.n8n/nodes` and loads it.
	 */
	async installCommunityPackage(name: string): Promise<CommunityPackage> {
		return await this.rest<CommunityPackage>('POST', '/rest/community-packages', { name });
	}

	/** *Update*: n8n installs the registry's `latest` in place of the installed version. */
	async updateCommunityPackage(name: string): Promise<CommunityPackage> {
		return await this.rest<CommunityPackage>('PATCH', '/rest/community-packages', { name });
	}

	/** *Uninstall*: n8n removes the package and unloads its nodes and credentials. */
	async uninstallCommunityPackage(name: string): Promise<void> {
		await this.rest('DELETE', `/rest/community-packages?name=${encodeURIComponent(name)}`);
	}

	/**
	 * Turns a licence feature on, as n8n's own end-to-end tests do: only an n8n started with
	 * `E2E_TESTS=true` serves this route, and forgets it when it restarts.
	 */
	async enableTestFeature(feature: string): Promise<void> {
		await this.rest('PATCH', '/rest/e2e/feature', { feature, enabled: true });
	}

	/** The credential as the editor sees it (secrets redacted). */
	async getCredential(
		id: string,
	): Promise<{ id: string; name: string; type: string; data?: Record<string, unknown> }> {
		return await this.rest('GET', `/rest/credentials/${encodeURIComponent(id)}?includeData=true`);
	}

	/**
	 * The credential test, as the editor's "Retry"/"Save" runs it: the credential is read with
	 * its (redacted) data and sent back to `POST /rest/credentials/test`, where n8n fills in
	 * the stored secrets. `data` overrides fields (as if typed into the dialog).
	 */
	async testCredential(
		id: string,
		data: Record<string, unknown> = {},
	): Promise<CredentialTestResult> {
		const credential = await this.getCredential(id);
		return await this.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
			credentials: {
				id: credential.id,
				name: credential.name,
				type: credential.type,
				data: { ...(credential.data ?? {}), ...data },
			},
		});
	}
}
