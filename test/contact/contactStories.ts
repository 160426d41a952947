/**
 * What the stories of operations on one contact share (Contact → Get, Delete, Get Messages, Get
 * Bot, Set Bot Status, Add and Remove Tags, the Contact locator, and Conversation → Open, Close,
 * Add Note, Hand Over and Set Funnel Stage): the operation run on one contact, Jane unless the
 * story names another, with the operation's own parameters beside the Contact field.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import { byId, runOperation, type OperationRun } from '../stories';

export interface ContactRun extends OperationRun {
	operation: string;
	/** The Contact field as the editor saves it (or a plain string, as an AI agent sends it); default Jane, by id. */
	contactId?: unknown;
}

/** `resource` → `operation` on one contact, through runOperation. */
export function runOnContact(
	emulator: CallbellEmulator,
	resource: 'contact' | 'conversation',
	{ operation, contactId = byId(IDS.contacts.jane), ...run }: ContactRun,
): Promise<RunResult> {
	return runOperation(emulator, resource, operation, {
		...run,
		parameters: { contactId: contactId as IDataObject, ...run.parameters },
	});
}

export type TagOperation = 'addTags' | 'removeTags';

export interface TagRun extends Omit<ContactRun, 'operation'> {
	/** The Tags field: text, a JSON list or an expression. */
	tags: unknown;
}

/** Contact → Add Tags or Remove Tags on one contact (Jane unless `contactId` says otherwise). */
export function runTags(
	emulator: CallbellEmulator,
	operation: TagOperation,
	{ tags, ...run }: TagRun,
): Promise<RunResult> {
	return runOnContact(emulator, 'contact', {
		operation,
		...run,
		parameters: { tags: tags as string },
	});
}
