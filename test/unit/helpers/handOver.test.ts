/**
 * Conversation → Hand Over's decisions (nodes/Callbell/helpers/handOver.ts): what an item asks
 * for and what is refused before any request, the PATCH it sends, and what the output and a
 * failed note say was done. The requests themselves are in test/conversation/handOver.test.ts.
 */
import {
	handedOver,
	handOverPatchBody,
	handOverRefusedHint,
	noteFailedHint,
	planHandOver,
	type HandOverInput,
} from '../../../nodes/Callbell/helpers/handOver';
import { inputError } from '../inputError';

const SUPPORT = 'b2c3d4e5f60718293a4b5c6d7e8f90a1';
const SALES = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const nothing: HandOverInput = { team: '', assignedUser: '', stopBot: false, note: '' };
const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

describe('what an item hands over', () => {
	it('the editor defaults: the bot stopped, nothing else', () => {
		expect(
			planHandOver({
				team: locator('list', ''),
				assignedUser: locator('list', ''),
				stopBot: true,
				note: '',
			}),
		).toEqual({ team: false, stopBot: true });
	});

	it('everything at once, from $fromAI() strings: the email and note trimmed, "false" read as false', () => {
		expect(
			planHandOver({
				team: 'Support',
				assignedUser: ' alice@example.com ',
				stopBot: 'false',
				note: '  Wants a refund\n',
			}),
		).toEqual({
			team: true,
			assignedUser: 'alice@example.com',
			stopBot: false,
			note: 'Wants a refund',
		});
	});

	it.each([
		['a team', { team: locator('id', SUPPORT) }],
		['a collaborator', { assignedUser: locator('email', 'bob@example.com') }],
		['the bot to stop', { stopBot: 'true' }],
		['a note only', { note: 'Call back after 5pm' }],
	])('%s is enough', (_label, asked) => {
		expect(() => planHandOver({ ...nothing, ...asked })).not.toThrow();
	});

	it('nothing to do is refused in one sentence saying what to give', () => {
		const refusal = inputError(() =>
			planHandOver({ ...nothing, team: locator('list', '  '), note: '\n\t' }),
		);
		expect(refusal.message).toBe(
			'Hand Over has nothing to do: no Team, no Assigned User, no Note, and Stop Bot is false',
		);
		expect(refusal.hint).toBe(
			"Give the team to hand over to (its name or id), the collaborator's email as Assigned User, a Note for the team, or set Stop Bot to true.",
		);
	});

	it.each([
		[
			'a name as the collaborator',
			{ assignedUser: 'Alice' },
			'Assigned User must be an email address, got "Alice"',
		],
		['Stop Bot as a word', { stopBot: 'yes' }, 'Stop Bot must be true or false, got "yes"'],
		[
			'a note that is an object',
			{ note: { text: 'hi' } },
			'Note must be text, got "{"text":"hi"}"',
		],
	])('%s is refused', (_label, asked, message) => {
		expect(inputError(() => planHandOver({ ...nothing, stopBot: true, ...asked })).message).toBe(
			message,
		);
	});
});

describe('the PATCH it sends', () => {
	it('team, collaborator and bot_end, in Callbell keys', () => {
		const plan = planHandOver({
			...nothing,
			team: 'Support',
			assignedUser: 'alice@example.com',
			stopBot: true,
		});
		expect(handOverPatchBody(plan, SUPPORT)).toEqual({
			team_uuid: SUPPORT,
			assigned_user: 'alice@example.com',
			bot_status: 'bot_end',
		});
	});

	it('only what was asked: Stop Bot off sends no bot_status', () => {
		const plan = planHandOver({ ...nothing, assignedUser: 'alice@example.com' });
		expect(handOverPatchBody(plan, undefined)).toEqual({ assigned_user: 'alice@example.com' });
	});

	it('a note alone: no PATCH at all', () => {
		expect(handOverPatchBody(planHandOver({ ...nothing, note: 'hi' }), undefined)).toBeUndefined();
	});

	it("Callbell's 422 is explained by the fields the item gave", () => {
		expect(
			handOverRefusedHint(
				planHandOver({ ...nothing, team: 'x', assignedUser: 'a@b.co', stopBot: true }),
			),
		).toBe(
			'Callbell refused the hand-over: the team must exist in the Callbell account; a@b.co must be a ' +
				'collaborator of the account; Stop Bot needs a bot enabled in Callbell (if the account has ' +
				'no bot, set Stop Bot to false).',
		);
		expect(handOverRefusedHint(planHandOver({ ...nothing, assignedUser: 'a@b.co' }))).toBe(
			'Callbell refused the hand-over: a@b.co must be a collaborator of the account.',
		);
	});
});

describe('what the output says was done', () => {
	const contact = { uuid: 'c', team: { uuid: SUPPORT, name: 'Support' } };

	it('the team with its name as Callbell answered, the collaborator, the bot and the note', () => {
		const plan = planHandOver({
			team: 'support',
			assignedUser: 'alice@example.com',
			stopBot: true,
			note: 'Refund',
		});
		expect(handedOver(plan, SUPPORT, contact, true)).toEqual({
			team: { uuid: SUPPORT, name: 'Support' },
			assignedUser: 'alice@example.com',
			botStopped: true,
			notePosted: true,
			note: 'Refund',
		});
	});

	it('what was not asked is null or false', () => {
		expect(
			handedOver(planHandOver({ ...nothing, stopBot: true }), undefined, contact, false),
		).toEqual({
			team: null,
			assignedUser: null,
			botStopped: true,
			notePosted: false,
			note: null,
		});
	});

	it('a team the answer does not show keeps its id, without a name', () => {
		const plan = planHandOver({ ...nothing, team: SALES });
		expect(handedOver(plan, SALES, contact, false).team).toEqual({ uuid: SALES, name: null });
	});
});

describe('a note that failed after the PATCH', () => {
	const transportHint = 'Check the Base URL in the Callbell credential.';

	it('says what was done, that the note may have arrived, then the transport hint', () => {
		const plan = planHandOver({
			team: 'Support',
			assignedUser: 'alice@example.com',
			stopBot: true,
			note: 'x',
		});
		const done = handedOver(plan, SUPPORT, { team: { uuid: SUPPORT, name: 'Support' } }, false);
		expect(noteFailedHint(done, transportHint)).toBe(
			'The conversation was assigned to the team Support and to alice@example.com, and the bot ' +
				'stopped; only the note failed. Look at the conversation in Callbell before adding the ' +
				'note again with Conversation → Add Note: it may have arrived. Check the Base URL in the ' +
				'Callbell credential.',
		);
	});

	it('the bot alone', () => {
		const done = handedOver(
			planHandOver({ ...nothing, stopBot: true, note: 'x' }),
			undefined,
			{},
			false,
		);
		expect(noteFailedHint(done, undefined)).toMatch(
			/^The bot stopped; only the note failed\. .*arrived\.$/,
		);
	});

	it('without a PATCH (a note only) the transport hint alone', () => {
		const done = handedOver(planHandOver({ ...nothing, note: 'x' }), undefined, {}, false);
		expect(noteFailedHint(done, transportHint)).toBe(transportHint);
	});
});
