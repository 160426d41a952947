/**
 * Resource + operation → the operation module, for every input item. The one item loop and
 * the one error policy of the node: each input item yields exactly one output item (its result
 * or, under "continue on fail", its error), always paired with the item it came from.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CallbellInputError } from '../helpers/validation';
import * as contact from './contact/Contact.resource';
import * as conversation from './conversation/Conversation.resource';
import type { CallbellOperation } from './node.type';

const resources: Record<string, Record<string, CallbellOperation>> = {
	contact: contact.operations,
	conversation: conversation.operations,
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

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operation = findOperation.call(this, itemIndex);
			const result = await operation.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const nodeError = toNodeError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			returnData.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
