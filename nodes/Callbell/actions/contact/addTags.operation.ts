/** Contact → Add Tags: the contact keeps its tags and gains these; nothing is sent when it has them all. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addTags } from '../../helpers/tags';
import { executeTagChange, tagChangeProperties } from './tagChange';
import { showOnlyFor } from '../common.descriptions';

export { contactKey as orderingKey } from '../params/contactLocator';

export const description = showOnlyFor(
	'contact',
	'addTags',
	tagChangeProperties(
		'The contact to tag.',
		'Tags to add, comma-separated or a list from an expression. The contact keeps its other ' +
			'tags; a tag it already has (in any letter case) is left as it is. Each tag must exist ' +
			'in Callbell (Settings → Tags).',
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await executeTagChange.call(this, itemIndex, addTags);
}
