/**
 * The workload of the execution stories: Contact → Update renaming each item's contact (`id`)
 * to the item's `name`, one request per item, so what they observe is the requests themselves.
 */
import { byId } from '../stories';

/** Contact → Update's parameters: the contact `{{ $json.id }}` gets the name `{{ $json.name }}`. */
export const RENAME_EACH = {
	contactId: byId('={{ $json.id }}'),
	updateFields: { name: '={{ $json.name }}' },
};
