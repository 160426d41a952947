import type { INodeProperties } from 'n8n-workflow';

/** Start or stop the account's bot for a contact; read with requireOneOf and BOT_STATUSES (helpers/contactBody.ts). */
export const botStatusParameter: INodeProperties = {
	displayName: 'Bot Status',
	name: 'botStatus',
	type: 'options',
	options: [
		{
			name: 'Start Bot',
			value: 'bot_start',
			description: "Start the account's bot for this contact",
		},
		{ name: 'Stop Bot', value: 'bot_end', description: "Stop the account's bot for this contact" },
	],
	default: 'bot_start',
	description:
		"Start or stop the account's bot for this contact (a bot must be enabled in Callbell)",
};
