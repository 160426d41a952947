/**
 * Contact → Update: `PATCH /contacts/:uuid` with only the fields the user set. A contact given
 * By Phone or By BSUID is looked up first.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildContactPatchBody, type ContactUpdateFields } from '../../helpers/contactBody';
import { contactOutput } from '../../helpers/output';
import { showOnlyFor } from '../common.descriptions';
import { findContactUuid, patchContact } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';
import { updateFieldsCollection } from './contactFields';
import { TEAM } from '../accountObjects';
import { withObjectIds } from '../params/objectNames';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact to update.'),
	updateFieldsCollection,
	optionsCollection([lookupChannelOption, simplifyOption]),
];

export const description = showOnlyFor('contact', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const body = buildContactPatchBody(
		(await withObjectIds.call(
			this,
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
			{ teamId: TEAM },
			itemIndex,
		)) as ContactUpdateFields,
	);
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const uuid = await findContactUuid.call(this, target, itemIndex);
	return contactOutput(await patchContact.call(this, uuid, body, itemIndex), simplify);
}
