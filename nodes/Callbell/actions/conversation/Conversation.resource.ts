import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as addNote from './addNote.operation';
import * as close from './close.operation';
import * as handOver from './handOver.operation';
import * as open from './open.operation';
import * as setFunnel from './setFunnel.operation';

export const operations: Record<string, CallbellOperation> = {
	addNote,
	close,
	handOver,
	open,
	setFunnel,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Add Note',
				value: 'addNote',
				description: "Add an internal note to a contact's conversation (not sent to the contact)",
				action: 'Add an internal note to a conversation',
			},
			{
				name: 'Close',
				value: 'close',
				description: "Close a contact's conversation",
				action: 'Close a conversation',
			},
			{
				name: 'Hand Over',
				value: 'handOver',
				description:
					"Assign a contact's conversation to a team and/or a collaborator, stop the bot and leave a note for them, in one step",
				action: 'Hand a conversation over to a team or person',
			},
			{
				name: 'Open',
				value: 'open',
				description: "Open (or reopen) a contact's conversation",
				action: 'Open a conversation',
			},
			{
				name: 'Set Funnel Stage',
				value: 'setFunnel',
				description: "Move a contact's conversation to a funnel stage",
				action: 'Move a conversation to a funnel stage',
			},
		],
		default: 'addNote',
	},
	...addNote.description,
	...close.description,
	...handOver.description,
	...open.description,
	...setFunnel.description,
];
