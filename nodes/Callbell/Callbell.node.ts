import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import * as conversation from './actions/conversation/Conversation.resource';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import { getCustomFields } from './methods/loadOptions';
import {
	searchApprovedTemplates,
	searchChannels,
	searchContacts,
	searchFunnels,
	searchTeamMembers,
	searchTeams,
} from './methods/listSearch';

export class Callbell implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callbell',
		name: 'callbell',
		icon: { light: 'file:callbell.svg', dark: 'file:callbell.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Work with Callbell, the shared inbox for WhatsApp, Instagram, Messenger and Telegram: send messages and WhatsApp templates, find contacts by phone, create or update them, tag them, and open, close, note and stage their conversations',
		defaults: { name: 'Callbell' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'callbellApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Message', value: 'message' },
				],
				default: 'contact',
			},
			...contact.description,
			...conversation.description,
			...message.description,
		],
	};

	methods = {
		listSearch: { searchApprovedTemplates, searchChannels, searchContacts, searchFunnels, searchTeamMembers, searchTeams },
		loadOptions: { getCustomFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
