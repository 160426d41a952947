/**
 * The contact's body (nodes/Callbell/helpers/contactBody.ts): custom field values and rows, and
 * the PATCH body of Contact → Update, with the refusals the engine stories do not walk.
 */
import {
	buildContactPatchBody,
	buildCustomFields,
	normalizeCustomFieldValue,
} from '../../../nodes/Callbell/helpers/contactBody';

import { inputError } from '../inputError';

describe('custom fields', () => {
	it('keeps text, turns numbers and booleans into text and JSON list text into a list', () => {
		expect(normalizeCustomFieldValue('Company', 'Acme')).toBe('Acme');
		expect(normalizeCustomFieldValue('Budget', 1500)).toBe('1500');
		expect(normalizeCustomFieldValue('Interests', '["WhatsApp", "Telegram"]')).toEqual([
			'WhatsApp',
			'Telegram',
		]);
		expect(normalizeCustomFieldValue('Interests', ['WhatsApp'])).toEqual(['WhatsApp']);
		expect(normalizeCustomFieldValue('Birthday', new Date('1990-05-17T12:00:00Z'))).toBe(
			'1990-05-17',
		);
	});

	it('merges rows and JSON and refuses a name given twice', () => {
		expect(
			buildCustomFields(
				[{ name: ' Company ', value: 'Acme' }],
				'{"Plan": "Pro", "Interests": ["WhatsApp"]}',
			),
		).toEqual({ Company: 'Acme', Plan: 'Pro', Interests: ['WhatsApp'] });
		expect(
			inputError(() => buildCustomFields([{ name: 'Plan', value: 'Free' }], { Plan: 'Pro' }))
				.message,
		).toBe('Custom Fields sets "Plan" more than once');
	});

	it('names the broken row or JSON', () => {
		expect(inputError(() => buildCustomFields([{ name: '', value: 'x' }])).message).toBe(
			'Custom Fields row 1 name is empty',
		);
		expect(inputError(() => buildCustomFields([], '{oops')).message).toBe(
			'Custom Fields (JSON) is not valid JSON: "{oops"',
		);
		expect(inputError(() => buildCustomFields([], '[1,2]')).message).toBe(
			'Custom Fields (JSON) must be a JSON object, got "[1,2]"',
		);
		expect(inputError(() => buildCustomFields([], { Plan: { nested: true } })).message).toBe(
			'Custom Field "Plan" must be text or a list of options, got "{"nested":true}"',
		);
	});
});

describe('buildContactPatchBody', () => {
	it("sends only what was set, with Callbell's field names", () => {
		expect(buildContactPatchBody({ note: 'Called back' })).toEqual({ note: 'Called back' });
		expect(
			buildContactPatchBody({
				name: ' Jane ',
				tags: 'lead',
				customFields: { field: [{ name: 'Company', value: 'Acme' }] },
				assignedUser: 'alice@example.com',
				teamId: { __rl: true, mode: 'list', value: 'A1B2C3D4E5F60718293A4B5C6D7E8F90' },
				botStatus: 'bot_end',
				note: 'hello',
			}),
		).toEqual({
			name: 'Jane',
			tags: ['lead'],
			custom_fields: { Company: 'Acme' },
			assigned_user: 'alice@example.com',
			team_uuid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
			bot_status: 'bot_end',
			note: 'hello',
		});
	});

	it('clears the note only through Clear Note', () => {
		expect(buildContactPatchBody({ clearNote: true })).toEqual({ note: '' });
		expect(inputError(() => buildContactPatchBody({ note: '' })).message).toBe('Note is empty');
		expect(inputError(() => buildContactPatchBody({ note: 'x', clearNote: true })).message).toBe(
			'Note and Clear Note are both set',
		);
		expect(buildContactPatchBody({ clearNote: false, name: 'A' })).toEqual({ name: 'A' });
	});

	it('counts note length in characters, emoji included', () => {
		expect(buildContactPatchBody({ note: '😀'.repeat(1000) }).note).toHaveLength(2000);
		expect(inputError(() => buildContactPatchBody({ note: 'a'.repeat(1001) })).message).toBe(
			'Note is too long: 1001 characters, Callbell allows at most 1000',
		);
	});

	it('rejects contradictions and an empty update', () => {
		expect(
			inputError(() => buildContactPatchBody({ assignedUser: 'a@b.co', unassignUser: true }))
				.message,
		).toBe('Assigned User and Unassign User are both set');
		expect(buildContactPatchBody({ unassignUser: true })).toEqual({ unassign_user: true });
		expect(inputError(() => buildContactPatchBody({ unassignUser: false })).message).toBe(
			'No field to update',
		);
		expect(inputError(() => buildContactPatchBody({})).field).toBe('Update Fields');
	});
});
