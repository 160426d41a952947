import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as channel from './actions/channel/Channel.resource';
import * as contact from './actions/contact/Contact.resource';
import * as conversation from './actions/conversation/Conversation.resource';
import * as customStatus from './actions/customStatus/CustomStatus.resource';
import * as funnel from './actions/funnel/Funnel.resource';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import * as team from './actions/team/Team.resource';
import * as template from './actions/template/Template.resource';
import * as user from './actions/user/User.resource';
import { getCustomFields } from './methods/loadOptions';
import {
	searchApprovedTemplates,
	searchChannels,
	searchContacts,
	searchCustomStatuses,
	searchFunnels,
	searchTeamMembers,
	searchTeams,
	searchTemplates,
} from './methods/listSearch';

export class Callbell implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callbell',
		name: 'callbell',
		icon: { light: 'file:callbell.svg', dark: 'file:callbell.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Work with Callbell, the shared inbox for WhatsApp, Instagram, Messenger and Telegram: ' +
			'send messages and WhatsApp templates, find contacts by phone, create or update them, ' +
			'tag them, open, close, note and stage their conversations, and read or manage the ' +
			"account's channels, teams, templates, funnel stages, custom statuses, collaborators' " +
			'status, plan and webhook deliveries',
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
					{ name: 'Account', value: 'account' },
					{ name: 'Channel', value: 'channel' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Custom Status', value: 'customStatus' },
					{ name: 'Funnel', value: 'funnel' },
					{ name: 'Message', value: 'message' },
					{ name: 'Team', value: 'team' },
					{ name: 'Template', value: 'template' },
					{ name: 'User', value: 'user' },
				],
				default: 'contact',
			},
			...account.description,
			...channel.description,
			...contact.description,
			...conversation.description,
			...customStatus.description,
			...funnel.description,
			...message.description,
			...team.description,
			...template.description,
			...user.description,
		],
	};

	methods = {
		listSearch: {
			searchApprovedTemplates,
			searchChannels,
			searchContacts,
			searchCustomStatuses,
			searchFunnels,
			searchTeamMembers,
			searchTeams,
			searchTemplates,
		},
		loadOptions: { getCustomFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
