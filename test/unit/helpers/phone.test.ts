/**
 * Phone numbers (nodes/Callbell/helpers/phone.ts): written as CRMs store them, read as the digits
 * with the country code Callbell wants, and the numbers refused with the field's name.
 */
import { normalizePhoneNumber } from '../../../nodes/Callbell/helpers/phone';
import { CallbellInputError } from '../../../nodes/Callbell/helpers/validation';

describe('phone numbers as CRMs store them → digits with the country code', () => {
	it.each([
		['+39 333 123 4567', '393331234567'],
		['0039 333 123 4567', '393331234567'],
		['39-333-1234567', '393331234567'],
		['(555) 010-9999', '5550109999'],
		['+1 (555) 010.9999', '15550109999'],
		['+49 30/1234567', '49301234567'],
		['\u00a0+39\u00a0333\u00a01234567 ', '393331234567'],
		[393331234567, '393331234567'],
		['123456', '123456'],
		// The bracketed trunk 0 of international numbers is never dialled after the country code.
		['+39 (0) 333 111 2222', '393331112222'],
		['+44 (0)20 7946 0958', '442079460958'],
		['0044 (0)20 7946 0958', '442079460958'],
		['+123456789012345', '123456789012345'],
	])('%j → %s', (input, digits) => {
		expect(normalizePhoneNumber('Phone Number', input)).toBe(digits);
	});

	it.each([
		['', 'Phone Number is empty'],
		['   ', 'Phone Number is empty'],
		[
			'12345',
			'Phone Number must have 6 to 15 digits with the country code, got "12345" (5 digits)',
		],
		[
			'+1234567890123456',
			'Phone Number must have 6 to 15 digits with the country code, got "+1234567890123456" (16 digits)',
		],
		[
			'+39 333 123 4567 ext. 12',
			'Phone Number must be a phone number, got "+39 333 123 4567 ext. 12"',
		],
		['39+333', 'Phone Number must be a phone number, got "39+333"'],
		['++39333123', 'Phone Number must be a phone number, got "++39333123"'],
		[null, 'Phone Number must be a phone number, got "null"'],
		[{ phone: '+39' }, 'Phone Number must be a phone number, got "{"phone":"+39"}"'],
	])('%j is refused: %s', (input, message) => {
		let thrown: unknown;
		try {
			normalizePhoneNumber('Phone Number', input);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(CallbellInputError);
		expect((thrown as CallbellInputError).message).toBe(message);
		expect((thrown as CallbellInputError).field).toBe('Phone Number');
	});
});
