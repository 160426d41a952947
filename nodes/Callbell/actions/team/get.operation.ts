/** Team → Get: `GET /teams/:uuid`, output the team (`uuid, name, createdAt, default, members`). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fetchObject, TEAM } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { readObjectId, requiredLocator, teamLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		teamLocator,
		'The team to get: pick it from the list or give its ID (32 hexadecimal characters)',
	),
	optionsCollection([]),
];

export const description = showOnlyFor('team', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await readObjectId.call(this, TEAM, itemIndex);
	return await fetchObject.call(this, TEAM, id, { method: 'GET' }, itemIndex);
}
