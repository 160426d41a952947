/** Contact → Delete: `DELETE /contacts/:uuid`. Irreversible. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequest } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { contactNotFoundHint, findContactUuid } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor(
		'The contact to delete. Deleting is irreversible: Callbell cannot restore a deleted contact.',
	),
	optionsCollection([lookupChannelOption]),
];

export const description = showOnlyFor('contact', 'delete', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);

	const uuid = await findContactUuid.call(this, target, itemIndex);
	await callbellApiRequest.call(
		this,
		{ method: 'DELETE', path: apiPath('contacts', uuid), notFoundHint: contactNotFoundHint(uuid) },
		itemIndex,
	);
	return { uuid, deleted: true };
}
