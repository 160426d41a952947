/** A refusal as the model reads it (nodes/Callbell/helpers/output.ts: toolRefusal). */
import { toolRefusal } from '../../../nodes/Callbell/helpers/output';

describe('toolRefusal', () => {
	it.each([
		[
			'Tags is empty [item 0]',
			'Enter at least one tag.',
			0,
			'Tags is empty. Enter at least one tag.',
		],
		['Done? [item 3]', ' Check it. ', 3, 'Done? Check it.'],
		['Callbell answered 429 [item 1]', undefined, 1, 'Callbell answered 429'],
		['Callbell answered 500', '', 0, 'Callbell answered 500'],
		// Only the suffix of this item goes: another item's number in the text stays.
		['Item [item 2] is odd [item 0]', null, 0, 'Item [item 2] is odd'],
		['Name is empty [item 1]', 'Enter a name.', 0, 'Name is empty [item 1]. Enter a name.'],
	])('%j + hint %j (item %d) → %j', (message, hint, itemIndex, expected) => {
		expect(toolRefusal(message, hint, itemIndex)).toBe(expected);
	});
});
