/** Contact → Remove Tags: the contact loses these tags and keeps the others; nothing is sent when it has none of them. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { removeTags } from '../../helpers/tags';
import { executeTagChange, tagChangeProperties } from './tagChange';
import { showOnlyFor } from '../common.descriptions';

export { contactKey as orderingKey } from '../params/contactLocator';

export const description = showOnlyFor(
	'contact',
	'removeTags',
	tagChangeProperties(
		'The contact to untag.',
		'Tags to remove, comma-separated or a list from an expression; matched in any letter ' +
			'case. The contact keeps its other tags; removing its last tag leaves it with none.',
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await executeTagChange.call(this, itemIndex, removeTags);
}
