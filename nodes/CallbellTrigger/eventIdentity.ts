/**
 * What makes two deliveries the same event, for Options → Ignore Duplicates. Callbell retries a
 * delivery whose answer it did not get with the same payload (signed again, with a new `t`), so
 * an event is its name plus the payload's own identity where it has one, else a hash of the
 * payload. Pure.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { isJsonObject } from '../Callbell/helpers/jsonText';

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** The fields naming one event of each kind; undefined when one is missing (then: the hash). */
function identityFields(event: string, payload: IDataObject): Array<string | undefined> {
	const contact = isJsonObject(payload.contact) ? payload.contact : {};
	const user = isJsonObject(payload.user) ? payload.user : {};
	const team = isJsonObject(payload.team) ? payload.team : {};
	switch (event) {
		case 'message_created':
			return [text(payload.uuid)];
		case 'message_status_updated':
			return [text(payload.uuid), text(payload.status)];
		case 'contact_created':
		case 'contact_deleted':
			return [text(payload.uuid)];
		case 'contact_updated':
			return [text(payload.uuid), text(payload.updatedAt)];
		case 'conversation_opened':
		case 'conversation_closed':
			return [text(contact.uuid), text(payload.createdAt), text(payload.closedAt) ?? '-'];
		case 'agent_status_updated':
			return [text(payload.email), text(payload.lastUpdatedAt)];
		case 'team_membership_updated':
			return [text(team.uuid), text(user.email), text(payload.reason), text(payload.lastUpdateAt)];
		default:
			return [undefined];
	}
}

/** `<event>:<identity>`, e.g. `message_status_updated:<uuid>:read`, or `<event>:sha256:<hex>`. */
export function eventIdentity(event: string, payload: unknown): string {
	const fields = isJsonObject(payload) ? identityFields(event, payload) : [undefined];
	if (fields.every((field) => field !== undefined)) return `${event}:${fields.join(':')}`;
	const hash = createHash('sha256')
		.update(JSON.stringify(payload ?? null))
		.digest('hex');
	return `${event}:sha256:${hash}`;
}
