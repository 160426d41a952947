/** The fields of a custom status, as Create and Update offer them. */
import type { INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from '../../helpers/validation';

export const customStatusFields = {
	emoji: {
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '',
		placeholder: 'e.g. 📅',
		description: 'The emoji shown before the name. Leave empty for none.',
	},
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. In a meeting',
		description: 'The status collaborators show',
	},
} satisfies Record<string, INodeProperties>;

/** The emoji, trimmed; empty or blank means none (undefined). Callbell decides what counts as an emoji. */
export function readEmoji(value: unknown): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return requireNonEmptyString('Emoji', value, 'Enter one emoji, e.g. 📅, or leave Emoji empty.');
}
