import { ExecutionLifecycleHooks, WorkflowExecute, WorkflowHasIssuesError } from 'n8n-core';
import type {
	ExecutionBaseError,
	IConnections,
	INode,
	INodeExecutionData,
	IPinData,
	IRunData,
	IWorkflowBase,
	IWorkflowIssues,
	IWorkflowSettings,
} from 'n8n-workflow';
import { UserError, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialsByType } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LoadedPackage } from './package-loader';
import { MANUAL_TRIGGER_NODE_TYPE } from './manual-trigger';
import { TEST_ITEMS_NODE_TYPE } from './test-items-trigger';

export interface WorkflowDefinition {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	/** Items pinned to nodes, as saved workflows carry them: the engine uses them instead of running those nodes. */
	pinData?: IPinData;
}

export interface ExecutionOutcome {
	runData: IRunData;
	error?: ExecutionBaseError | Error;
	lastNodeExecuted?: string;
}

export interface ExecuteOptions {
	/**
	 * Aborting it stops the execution as n8n's Stop button does (ActiveExecutions.stopExecution):
	 * `.cancel()` on the PCancelable that `WorkflowExecute.run()` returned, which aborts the
	 * AbortController behind a node's `getExecutionCancelSignal()`. That PCancelable does not
	 * reject on cancel: the run resolves once the running node has returned or thrown, with what
	 * the node then reported (e.g. its error), and no further node runs.
	 */
	cancelSignal?: AbortSignal;
	/** Called as each node starts and finishes (n8n's nodeExecuteBefore / nodeExecuteAfter hooks). */
	onNode?: (moment: 'before' | 'after', nodeName: string) => void;
}

const WORKFLOW_ID = 'harness-workflow';
/** New workflows in n8n 1.x run with execution order v1. */
const DEFAULT_SETTINGS: IWorkflowSettings = { executionOrder: 'v1' };

let executionCounter = 0;

/**
 * Runs a workflow through n8n-core's `WorkflowExecute` in 'manual' mode, exactly as a manual
 * execution of the whole workflow: the start node gets one empty seed item and the engine
 * walks the connections. Node errors and parameter issues are returned, not thrown.
 */
export async function executeWorkflow(
	pkg: LoadedPackage,
	definition: WorkflowDefinition,
	credentials: CredentialsByType,
	options: ExecuteOptions = {},
): Promise<ExecutionOutcome> {
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Test harness workflow',
		nodes: definition.nodes,
		connections: definition.connections,
		active: false,
		nodeTypes: pkg.nodeTypes,
		settings: { ...DEFAULT_SETTINGS, ...definition.settings },
	});
	const executionId = `harness-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, toWorkflowBase(definition));
	const { onNode } = options;
	if (onNode !== undefined) {
		hooks.addHandler('nodeExecuteBefore', (nodeName) => onNode('before', nodeName));
		hooks.addHandler('nodeExecuteAfter', (nodeName) => onNode('after', nodeName));
	}
	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes, credentials);
	const additionalData = createAdditionalData(credentialsHelper, hooks, executionId);

	const workflowExecute = new WorkflowExecute(additionalData, 'manual');
	const startNode = findStartNode(workflow);

	const issuesError = parameterIssuesError(workflowExecute, workflow, startNode);
	if (issuesError) return { runData: {}, error: issuesError };

	const execution = workflowExecute.run(workflow, startNode, undefined, definition.pinData);
	const cancel = () => execution.cancel();
	const { cancelSignal } = options;
	if (cancelSignal?.aborted === true) cancel();
	cancelSignal?.addEventListener('abort', cancel, { once: true });
	try {
		const { runData, error, lastNodeExecuted } = (await execution).data.resultData;
		return { runData, error, lastNodeExecuted };
	} finally {
		cancelSignal?.removeEventListener('abort', cancel);
	}
}

/**
 * `WorkflowExecute` refuses a workflow whose nodes have parameter issues (e.g. a missing required
 * parameter) by throwing a bare WorkflowHasIssuesError; this returns it with the issues spelled out.
 */
function parameterIssuesError(
	workflowExecute: WorkflowExecute,
	workflow: Workflow,
	startNode: INode,
): WorkflowHasIssuesError | undefined {
	const issues = workflowExecute.checkReadyForExecution(workflow, { startNode: startNode.name });
	if (issues === null) return undefined;
	const error = new WorkflowHasIssuesError();
	error.message += ` ${describeIssues(issues)}`;
	return error;
}

/** e.g. `Test API: Parameter "Path" is required.` */
function describeIssues(issues: IWorkflowIssues): string {
	return Object.entries(issues)
		.map(([nodeName, nodeIssues]) => {
			const messages = Object.entries(nodeIssues).flatMap(([kind, detail]) =>
				typeof detail === 'object' ? Object.values(detail).flat() : [`${kind} issue`],
			);
			return `${nodeName}: ${messages.join(' ')}`;
		})
		.join(' ');
}

/** The harness's test trigger or a Manual Trigger if present, else whatever n8n would pick. */
function findStartNode(workflow: Workflow): INode {
	const startTypes = [TEST_ITEMS_NODE_TYPE, MANUAL_TRIGGER_NODE_TYPE];
	const startNode =
		Object.values(workflow.nodes).find(
			(node) => startTypes.includes(node.type) && !node.disabled,
		) ?? workflow.getStartNode();
	if (startNode === undefined) throw new UserError('The workflow has no node to start from');
	return startNode;
}

function toWorkflowBase({ nodes, connections, settings }: WorkflowDefinition): IWorkflowBase {
	const now = new Date();
	return {
		id: WORKFLOW_ID,
		name: 'Test harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings,
	};
}

/** Items of the first run's first main output of a node — [] when it produced none. */
export function firstOutputItems(
	runData: IRunData,
	nodeName: string | undefined,
): INodeExecutionData[] {
	if (nodeName === undefined) return [];
	return runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
}
