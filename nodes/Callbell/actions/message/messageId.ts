/** The Message ID parameter that Get Status and Delete share, and how it is read. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MESSAGE_ID_EXAMPLE } from '../../helpers/locators';
import { requireUuid } from '../../helpers/validation';

export const messageIdParameter: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	required: true,
	default: '',
	placeholder: `e.g. ${MESSAGE_ID_EXAMPLE}`,
	description:
		"The uuid that Send returned for the message: 32 hexadecimal characters, usually mapped from the Send node's output (uuid)",
};

export const MESSAGE_NOT_FOUND_HINT =
	'Callbell has no message with this id. Use the uuid that Send returned, from the same Callbell account.';

export function readMessageId(this: IExecuteFunctions, itemIndex: number): string {
	return requireUuid(
		'Message ID',
		this.getNodeParameter('messageId', itemIndex),
		MESSAGE_ID_EXAMPLE,
	);
}
