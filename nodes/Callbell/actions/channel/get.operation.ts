/** Channel → Get: `GET /channels/:uuid`, output the channel (`uuid, title, type, main, discardedAt`). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { CHANNEL, fetchObject } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { channelLocator, readObjectId, requiredLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		channelLocator,
		'The channel to get: pick it from the list or give its ID (32 hexadecimal characters)',
	),
	optionsCollection([]),
];

export const description = showOnlyFor('channel', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await readObjectId.call(this, CHANNEL, itemIndex);
	return await fetchObject.call(this, CHANNEL, id, { method: 'GET' }, itemIndex);
}
