/** Conversation → Set Funnel Stage: `PUT /contacts/:uuid/conversation/update_funnel` with `funnel_id`. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idFromLocator } from '../../helpers/locators';
import { contactOutput } from '../../helpers/output';
import { apiPath, callbellApiRequest, unwrapContact } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { contactNotFoundHint, findContactUuid } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { funnelLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';
import { resolveObjectName } from '../params/objectNames';
import { FUNNEL } from '../accountObjects';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact whose conversation moves to the funnel stage.'),
	funnelLocator,
	optionsCollection([lookupChannelOption, simplifyOption]),
];

export const description = showOnlyFor('conversation', 'setFunnel', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const funnelId = idFromLocator(
		FUNNEL.field,
		await resolveObjectName.call(
			this,
			FUNNEL,
			this.getNodeParameter(FUNNEL.parameter, itemIndex),
			itemIndex,
		),
		FUNNEL.example,
	);
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const uuid = await findContactUuid.call(this, target, itemIndex);
	const response = await callbellApiRequest.call(
		this,
		{
			method: 'PUT',
			path: apiPath('contacts', uuid, 'conversation', 'update_funnel'),
			body: { funnel_id: funnelId },
			notFoundHint: contactNotFoundHint(uuid),
		},
		itemIndex,
	);
	return contactOutput(unwrapContact.call(this, response, itemIndex), simplify);
}
