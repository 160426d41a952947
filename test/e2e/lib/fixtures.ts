/**
 * The workflows and credentials that the dev script, the screenshot script and the end-to-end
 * tests import into a real n8n. Workflows are JSON files in n8n's export format in
 * `test/e2e/fixtures/`; ids are fixed (n8n wants at most 16 characters) so imports are
 * idempotent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { repoRoot } from '../../../dev/n8n/install';
import { CREDENTIAL_TYPE, type CredentialImport, type WorkflowImport } from '../../../dev/n8n/instance';

export const CREDENTIAL_ID = 'cbCredEmulator01';
export const CREDENTIAL_NAME = 'Callbell (emulator)';
export const REAL_API_CREDENTIAL_NAME = 'Callbell (real API)';
export const BAD_CREDENTIAL_ID = 'cbCredBadToken01';

export const DEMO_WORKFLOW_ID = 'cbDemoCrmLeads01';
export const DEMO_WORKFLOW_FILE = 'demo-crm-lead-to-callbell.json';
export const PHONE_DEMO_WORKFLOW_ID = 'cbDemoPhoneUps01';
export const PHONE_DEMO_WORKFLOW_FILE = 'demo-crm-lead-by-phone.json';
export const DEAL_WON_WORKFLOW_ID = 'cbDemoDealWon001';
export const DEAL_WON_WORKFLOW_FILE = 'demo-deal-won-whatsapp-template.json';
/** Active in `npm run dev`: the Callbell Trigger answers each incoming message. */
export const AUTO_REPLY_WORKFLOW_ID = 'cbDemoAutoReply1';
export const AUTO_REPLY_WORKFLOW_FILE = 'demo-incoming-message-auto-reply.json';
/** The demo workflows `npm run dev` imports, in the order it lists them. */
export const DEMO_WORKFLOW_FILES = [DEMO_WORKFLOW_FILE, PHONE_DEMO_WORKFLOW_FILE, DEAL_WON_WORKFLOW_FILE, AUTO_REPLY_WORKFLOW_FILE];
/** The signing secret of the emulator's webhook in the e2e tests and `npm run dev`. */
export const EMULATOR_WEBHOOK_SECRET = 'whsec_emulator_demo_7d3f9a';
export const CONTINUE_ON_FAIL_WORKFLOW_ID = 'cbE2eContFail01';
export const CONTINUE_ON_FAIL_WORKFLOW_FILE = 'continue-on-fail.json';

/** The name of the Callbell node in the fixture workflows. */
export const CALLBELL_NODE_NAME = 'Update Callbell contact';
/** The Contact → Create or Update node of the by-phone demo. */
export const PHONE_UPSERT_NODE_NAME = 'Create or update Callbell contact';
/** The Message → Send node of the deal-won demo. */
export const SEND_TEMPLATE_NODE_NAME = 'Send WhatsApp template';

export function fixturesDir(): string {
	return path.join(repoRoot(), 'test', 'e2e', 'fixtures');
}

export function loadWorkflow(file: string): WorkflowImport {
	return JSON.parse(fs.readFileSync(path.join(fixturesDir(), file), 'utf8')) as WorkflowImport;
}

/** The items that the "New CRM leads…" node of a fixture workflow puts out. */
export function workflowLeads(workflow: WorkflowImport): Array<Record<string, unknown>> {
	const setNode = workflow.nodes.find((n) => String(n.name).startsWith('New CRM leads'));
	const parameters = setNode?.parameters as { jsonOutput?: string } | undefined;
	if (!parameters?.jsonOutput) throw new Error(`${workflow.id} has no "New CRM leads" node with JSON output`);
	return (JSON.parse(parameters.jsonOutput) as { leads: Array<Record<string, unknown>> }).leads;
}

export function callbellCredential(options: {
	baseUrl: string;
	apiToken: string;
	id?: string;
	name?: string;
	webhookSecret?: string;
}): CredentialImport {
	return {
		id: options.id ?? CREDENTIAL_ID,
		name: options.name ?? CREDENTIAL_NAME,
		type: CREDENTIAL_TYPE,
		data: {
			apiToken: options.apiToken,
			baseUrl: options.baseUrl,
			...(options.webhookSecret !== undefined && { webhookSecret: options.webhookSecret }),
		},
	};
}
