/**
 * Contact → Get: `GET /contacts/:uuid`. By Phone or By BSUID the lookup's answer is the contact,
 * so that is one request too.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactOutput } from '../../helpers/output';
import { showOnlyFor } from '../common.descriptions';
import { readContact } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';
import { includeFieldTypesOption } from './contactFields';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact to get.'),
	optionsCollection([lookupChannelOption, includeFieldTypesOption, simplifyOption]),
];

export const description = showOnlyFor('contact', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const { includeFieldTypes, simplify } = this.getNodeParameter(
		'options',
		itemIndex,
		{},
	) as IDataObject;

	const qs = includeFieldTypes === true ? { include_field_types: true } : {};
	return contactOutput(await readContact.call(this, target, itemIndex, qs), simplify);
}
