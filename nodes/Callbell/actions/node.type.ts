import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** What every `<operation>.operation.ts` exports. */
export interface CallbellOperation {
	description: INodeProperties[];
	/** Runs the operation for one input item and returns what that item outputs. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}
