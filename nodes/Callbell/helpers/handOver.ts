/**
 * Conversation → Hand Over, decided without I/O: what the item asks for (checked before any
 * request), the contact PATCH that assigns the team and the collaborator and stops the bot, and,
 * once done, what the output says was done. The note is posted by the operation after the PATCH.
 */
import type { IDataObject } from 'n8n-workflow';

import { emailFromLocator, isEmptyLocator } from './locators';
import { CallbellInputError, quoteValue, requireBoolean } from './validation';

/** The item's Hand Over parameters as n8n hands them over (or as `$fromAI()` filled them). */
export interface HandOverInput {
	/** The Team locator; a name in it is looked up by the operation (params/objectNames.ts). */
	team: unknown;
	assignedUser: unknown;
	stopBot: unknown;
	note: unknown;
}

/** What one item hands over, checked. */
export interface HandOverPlan {
	/** Whether a team is given; the operation reads its id. */
	team: boolean;
	/** The collaborator's email. */
	assignedUser?: string;
	stopBot: boolean;
	/** The note for the team, trimmed. */
	note?: string;
}

function readNote(note: unknown): string | undefined {
	if (note === undefined || note === null) return undefined;
	if (typeof note !== 'string' && typeof note !== 'number') {
		throw new CallbellInputError(
			'Note',
			`Note must be text, got ${quoteValue(note)}`,
			'Write the note for the team as plain text, or leave it empty for no note.',
		);
	}
	const text = String(note).trim();
	return text === '' ? undefined : text;
}

/**
 * The item's hand-over, or a refusal before any request: a collaborator that is not an email,
 * Stop Bot that is not true or false, or nothing at all to do.
 */
export function planHandOver(input: HandOverInput): HandOverPlan {
	const plan: HandOverPlan = {
		team: !isEmptyLocator(input.team),
		stopBot: requireBoolean('Stop Bot', input.stopBot),
	};
	if (!isEmptyLocator(input.assignedUser))
		plan.assignedUser = emailFromLocator('Assigned User', input.assignedUser);
	const note = readNote(input.note);
	if (note !== undefined) plan.note = note;

	if (!plan.team && plan.assignedUser === undefined && !plan.stopBot && plan.note === undefined) {
		throw new CallbellInputError(
			'Team',
			'Hand Over has nothing to do: no Team, no Assigned User, no Note, and Stop Bot is false',
			"Give the team to hand over to (its name or id), the collaborator's email as Assigned User, a Note for the team, or set Stop Bot to true.",
		);
	}
	return plan;
}

/** `PATCH /contacts/:uuid`'s body, in Callbell's keys; undefined when only a note is left (no PATCH). */
export function handOverPatchBody(
	plan: HandOverPlan,
	teamId: string | undefined,
): IDataObject | undefined {
	const body: IDataObject = {
		...(teamId !== undefined && { team_uuid: teamId }),
		...(plan.assignedUser !== undefined && { assigned_user: plan.assignedUser }),
		...(plan.stopBot && { bot_status: 'bot_end' }),
	};
	return Object.keys(body).length === 0 ? undefined : body;
}

/** What Callbell's 422 to the PATCH means, in the fields the item gave. */
export function handOverRefusedHint(plan: HandOverPlan): string {
	const checks = [
		...(plan.team ? ['the team must exist in the Callbell account'] : []),
		...(plan.assignedUser !== undefined
			? [`${plan.assignedUser} must be a collaborator of the account`]
			: []),
		...(plan.stopBot
			? [
					'Stop Bot needs a bot enabled in Callbell (if the account has no bot, set Stop Bot to false)',
				]
			: []),
	];
	return `Callbell refused the hand-over: ${checks.join('; ')}.`;
}

/** What the output says was done; a field this item did not ask for is null (or false). A type, so that it is an IDataObject. */
export type HandedOver = {
	/** The team the conversation is now assigned to. */
	team: { uuid: string; name: string | null } | null;
	/** The collaborator's email. */
	assignedUser: string | null;
	botStopped: boolean;
	notePosted: boolean;
	/** The note as posted. */
	note: string | null;
};

/** What was done, once the PATCH (and the note, when there is one) went through. */
export function handedOver(
	plan: HandOverPlan,
	teamId: string | undefined,
	contact: IDataObject,
	notePosted: boolean,
): HandedOver {
	const team = contact.team as IDataObject | null | undefined;
	const teamName = team?.uuid === teamId && typeof team?.name === 'string' ? team.name : null;
	return {
		team: teamId === undefined ? null : { uuid: teamId, name: teamName },
		assignedUser: plan.assignedUser ?? null,
		botStopped: plan.stopBot,
		notePosted,
		note: notePosted ? (plan.note ?? null) : null,
	};
}

/** What the PATCH did, e.g. "The conversation was assigned to the team Support, and the bot stopped". */
function doneSentence(done: HandedOver): string | undefined {
	const assignees = [
		...(done.team === null ? [] : [`the team ${done.team.name ?? done.team.uuid}`]),
		...(done.assignedUser === null ? [] : [done.assignedUser]),
	];
	const parts = [
		...(assignees.length === 0
			? []
			: [`the conversation was assigned to ${assignees.join(' and to ')}`]),
		...(done.botStopped ? ['the bot stopped'] : []),
	];
	if (parts.length === 0) return undefined;
	const sentence = parts.join(', and ');
	return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}

/**
 * The hint of a note that failed after the PATCH went through: what was done, so that whoever
 * reads it (a model too) does not hand over again, and that the note may have arrived all the
 * same (a POST is never sent twice). The transport's own hint follows. No PATCH: its hint alone.
 */
export function noteFailedHint(done: HandedOver, hint: string | null | undefined): string {
	const sentence = doneSentence(done);
	const after = hint?.trim() ?? '';
	if (sentence === undefined) return after;
	return (
		`${sentence}; only the note failed. Look at the conversation in Callbell before adding ` +
		`the note again with Conversation → Add Note: it may have arrived. ${after}`
	).trim();
}
