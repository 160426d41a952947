import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** What every `<operation>.operation.ts` exports. */
export interface CallbellOperation {
	description: INodeProperties[];
	/** Runs the operation for one input item and returns what that item outputs. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/**
	 * What the item acts on, read from its parameters before any request (e.g. `phone:<digits>`):
	 * items of one run with the same key run one after the other, in input order (scheduling.ts).
	 * Undefined when the item names nothing, or names it badly (execute then reports that).
	 */
	orderingKey?(this: IExecuteFunctions, itemIndex: number): string | undefined;
}
