/**
 * Resource + operation → the operation module, for every input item. The one item loop and
 * the one error policy of the node: each input item yields exactly one output item (its result
 * or, under "continue on fail", its error), always paired with the item it came from.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toolRefusal } from '../helpers/output';
import { CallbellInputError } from '../helpers/validation';
import { clearItemRequestSettings, setItemRequestSettings } from '../transport';
import * as account from './account/Account.resource';
import * as channel from './channel/Channel.resource';
import * as contact from './contact/Contact.resource';
import * as conversation from './conversation/Conversation.resource';
import * as customStatus from './customStatus/CustomStatus.resource';
import * as funnel from './funnel/Funnel.resource';
import * as message from './message/Message.resource';
import type { CallbellOperation } from './node.type';
import { memoizeParameters } from './params/parameterMemo';
import { readRequestSettings } from './params/requestOptions';
import { readConcurrency, runItems } from './scheduling';
import * as team from './team/Team.resource';
import * as template from './template/Template.resource';
import * as user from './user/User.resource';

const resources: Record<string, Record<string, CallbellOperation>> = {
	account: account.operations,
	channel: channel.operations,
	contact: contact.operations,
	conversation: conversation.operations,
	customStatus: customStatus.operations,
	funnel: funnel.operations,
	message: message.operations,
	team: team.operations,
	template: template.operations,
	user: user.operations,
};

function findOperation(this: IExecuteFunctions, itemIndex: number): CallbellOperation {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const found = resources[resource]?.[operation];
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
			{ itemIndex },
		);
	}
	return found;
}

/** Any failure → the n8n error to show for this item. */
function toNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof CallbellInputError) {
		return new NodeOperationError(this.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.hint,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

function errorItemJson(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return json;
}

/** One item's outcome: its output items, or the error that stops the node (continue-on-fail off). */
type ItemOutcome =
	{ output: INodeExecutionData[] } | { failure: NodeApiError | NodeOperationError };

/**
 * Whether the node runs as an AI Agent's tool (n8n's `callbellTool`). A tool that throws stops
 * the whole workflow in n8n 1.x and reaches the model without its hint in 2.x, so a tool call's
 * failure is handed back to the model as its output instead: one sentence it can act on.
 */
function runsAsTool(this: IExecuteFunctions): boolean {
	return this.getNode().type.endsWith('Tool');
}

function failedItem(
	this: IExecuteFunctions,
	nodeError: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const json = runsAsTool.call(this)
		? { error: toolRefusal(nodeError.message, nodeError.description, itemIndex) }
		: errorItemJson(nodeError);
	return { json, pairedItem: { item: itemIndex } };
}

async function runItem(this: IExecuteFunctions, itemIndex: number): Promise<ItemOutcome> {
	try {
		const operation = findOperation.call(this, itemIndex);
		// Read once per item, not by the transport on every request the item makes.
		setItemRequestSettings.call(this, itemIndex, readRequestSettings.call(this, itemIndex));
		const result = await operation.execute.call(this, itemIndex);
		return {
			output: this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
				itemData: { item: itemIndex },
			}),
		};
	} catch (error) {
		const nodeError = toNodeError.call(this, error, itemIndex);
		if (!this.continueOnFail() && !runsAsTool.call(this)) return { failure: nodeError };
		return { output: [failedItem.call(this, nodeError, itemIndex)] };
	} finally {
		clearItemRequestSettings.call(this, itemIndex);
	}
}

/** The item's ordering key, when its operation has one and its parameters name it well. */
function orderingKeyOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		return findOperation.call(this, itemIndex).orderingKey?.call(this, itemIndex);
	} catch {
		// The item names its target badly: running it reports that.
		return undefined;
	}
}

/**
 * Items run concurrently, at most Options → Concurrency at a time, started in input order; items
 * acting on the same contact wait for each other, so they apply in input order (scheduling.ts).
 * The output keeps the input's order. Without continue-on-fail, the first failing item (in input
 * order) stops the node: no item is started after a failure is known.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	// Everything below runs on the memoized context (params/parameterMemo.ts), credentials and
	// request settings included: they are kept per context.
	const { context, forgetItem } = memoizeParameters(this);
	let concurrency: number;
	try {
		concurrency = readConcurrency.call(context);
	} catch (error) {
		const nodeError = toNodeError.call(context, error, 0);
		if (!runsAsTool.call(context)) throw nodeError;
		return [items.map((_, itemIndex) => failedItem.call(context, nodeError, itemIndex))];
	}
	const cancelSignal = this.getExecutionCancelSignal?.();
	const outcomes: ItemOutcome[] = new Array(items.length);
	let failed = false;

	await runItems(
		items.length,
		{
			concurrency,
			orderingKey: (itemIndex) => orderingKeyOf.call(context, itemIndex),
			stopped: () => failed || cancelSignal?.aborted === true,
		},
		async (itemIndex) => {
			const outcome = await runItem.call(context, itemIndex);
			forgetItem(itemIndex);
			outcomes[itemIndex] = outcome;
			if ('failure' in outcome) failed = true;
		},
	);

	const failure = outcomes.find(
		(outcome): outcome is { failure: NodeApiError | NodeOperationError } =>
			outcome !== undefined && 'failure' in outcome,
	);
	if (failure) throw failure.failure;
	if (cancelSignal?.aborted === true) {
		throw new NodeOperationError(this.getNode(), 'The execution was canceled');
	}
	return [outcomes.flatMap((outcome) => ('output' in outcome ? outcome.output : []))];
}
