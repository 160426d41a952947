/** Channel → Update: `PATCH /channels/:uuid` with `{title}`, output the renamed channel. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { CHANNEL, fetchObject, requireName } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { channelLocator, readObjectId, requiredLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		channelLocator,
		'The channel to rename: pick it from the list or give its ID (32 hexadecimal characters)',
	),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. WhatsApp Sales',
		description:
			"The channel's new title, as your team sees it in Callbell. Only the title changes.",
	},
	optionsCollection([]),
];

export const description = showOnlyFor('channel', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const title = requireName(
		'Title',
		this.getNodeParameter('title', itemIndex),
		"the channel's new title",
	);
	const id = await readObjectId.call(this, CHANNEL, itemIndex);

	return await fetchObject.call(this, CHANNEL, id, { method: 'PATCH', body: { title } }, itemIndex);
}
