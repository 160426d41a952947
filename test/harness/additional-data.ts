import type { ExecutionLifecycleHooks } from 'n8n-core';
import { ExternalSecretsProxy } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** URLs never contacted: they only end up in `$execution.resumeUrl` and similar values. */
const INSTANCE_BASE_URL = 'http://127.0.0.1:5678';

/**
 * The per-execution services n8n-core needs (what the CLI's `WorkflowExecuteAdditionalData.getBase`
 * provides), reduced to what a node of this package can reach. Sub-workflows and task runners
 * (Code node) are not available in the harness and fail loudly.
 */
export function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	executionId?: string,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${INSTANCE_BASE_URL}/rest`,
		instanceBaseUrl: `${INSTANCE_BASE_URL}/`,
		formWaitingBaseUrl: `${INSTANCE_BASE_URL}/form-waiting`,
		webhookBaseUrl: `${INSTANCE_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${INSTANCE_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE_BASE_URL}/webhook-test`,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: async () => {
			throw new UserError('The test harness cannot execute sub-workflows');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new UserError('The test harness has no task runner (Code node)');
		},
		logAiEvent: () => {},
	};
}
