/**
 * Contact → Update: `PATCH /contacts/:uuid` with only the fields the user set. A contact given
 * By Phone or By BSUID is looked up first.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildContactPatchBody, type ContactUpdateFields } from '../../helpers/fields';
import { contactOutput } from '../../helpers/output';
import {
	contactLocatorFor,
	lookupChannelOption,
	optionsCollection,
	showOnlyFor,
	simplifyOption,
	updateFieldsCollection,
} from '../common.descriptions';
import { findContactUuid, patchContact, readContactTarget } from '../contactRequests';

export { contactKey as orderingKey } from '../contactRequests';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact to update.'),
	updateFieldsCollection,
	optionsCollection([lookupChannelOption, simplifyOption]),
];

export const description = showOnlyFor('contact', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const body = buildContactPatchBody(
		this.getNodeParameter('updateFields', itemIndex, {}) as ContactUpdateFields,
	);
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const uuid = await findContactUuid.call(this, target, itemIndex);
	return contactOutput(await patchContact.call(this, uuid, body, itemIndex), simplify);
}
