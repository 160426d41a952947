import type { INodeProperties } from 'n8n-workflow';

/** A channel type, as Callbell names them in `source`. */
export const sourceParameter: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: [
		{ name: 'Facebook Messenger', value: 'facebook' },
		{ name: 'Instagram', value: 'instagram' },
		{ name: 'Telegram', value: 'telegram' },
		{ name: 'WhatsApp', value: 'whatsapp' },
	],
	default: 'whatsapp',
	description: 'The channel type: whatsapp, instagram, facebook or telegram',
};
