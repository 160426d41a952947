/** Team → Update: `PATCH /teams/:uuid` with `{name}`, output the renamed team. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fetchObject, requireName, TEAM } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { readObjectId, requiredLocator, teamLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		teamLocator,
		'The team to rename: pick it from the list or give its ID (32 hexadecimal characters)',
	),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales',
		description: "The team's new name. Only the name changes; members stay.",
	},
	optionsCollection([]),
];

export const description = showOnlyFor('team', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = requireName('Name', this.getNodeParameter('name', itemIndex), "the team's new name");
	const id = await readObjectId.call(this, TEAM, itemIndex);

	return await fetchObject.call(this, TEAM, id, { method: 'PATCH', body: { name } }, itemIndex);
}
