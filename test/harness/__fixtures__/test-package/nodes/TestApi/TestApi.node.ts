import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

interface TestApiCredentials {
	baseUrl: string;
}

/** Test-only node: one authenticated GET per item, outputs the JSON answer paired to its item. */
export class TestApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test API',
		name: 'testApi',
		group: ['transform'],
		version: 1,
		description: 'Fetches one resource per item (test harness fixture)',
		defaults: { name: 'Test API' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'testApi', required: true }],
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				required: true,
				default: '=/items/{{ $json.id }}',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const { baseUrl } = await this.getCredentials<TestApiCredentials>('testApi');
		const output: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const path = this.getNodeParameter('path', itemIndex) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
					method: 'GET',
					url: `${baseUrl}${path}`,
					json: true,
				})) as IDataObject;
				output.push({ json: response, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
