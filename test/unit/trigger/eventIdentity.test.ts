/** What makes two deliveries one event (Ignore Duplicates): the payload's own identity, else its hash. */
import { eventIdentity } from '../../../nodes/CallbellTrigger/eventIdentity';

const CONTACT = '414a6d692bd645ed803f2e7ce360d4c8';

describe('eventIdentity', () => {
	it('a message status: its uuid and status, so delivered and read are two events', () => {
		const delivered = { uuid: 'm1', status: 'delivered', contact: { uuid: CONTACT } };
		expect(eventIdentity('message_status_updated', delivered)).toBe(
			'message_status_updated:m1:delivered',
		);
		expect(eventIdentity('message_status_updated', { ...delivered, status: 'read' })).not.toBe(
			eventIdentity('message_status_updated', delivered),
		);
	});

	it('a message with a uuid: the uuid, whatever else changed in the payload', () => {
		const message = { uuid: 'm2', text: 'Hi', contact: { uuid: CONTACT, tags: [] } };
		expect(
			eventIdentity('message_created', { ...message, contact: { uuid: CONTACT, tags: ['vip'] } }),
		).toBe(eventIdentity('message_created', message));
	});

	it("a message without a uuid (Callbell's documented payload): a hash of the payload", () => {
		const message = { from: '+391234567890', text: 'Hi', createdAt: '2026-12-03T10:00:00Z' };
		const identity = eventIdentity('message_created', message);
		expect(identity).toMatch(/^message_created:sha256:[0-9a-f]{64}$/);
		expect(eventIdentity('message_created', { ...message })).toBe(identity);
		expect(eventIdentity('message_created', { ...message, text: 'Hi!' })).not.toBe(identity);
	});

	it('contacts: created and deleted by uuid; updated by uuid and update time, else the hash (each tag change is an update)', () => {
		expect(eventIdentity('contact_created', { uuid: CONTACT, name: 'Jane' })).toBe(
			`contact_created:${CONTACT}`,
		);
		expect(eventIdentity('contact_deleted', { uuid: CONTACT, deleted: 'x' })).toBe(
			`contact_deleted:${CONTACT}`,
		);
		expect(eventIdentity('contact_updated', { uuid: CONTACT, updatedAt: 't1' })).toBe(
			`contact_updated:${CONTACT}:t1`,
		);
		expect(eventIdentity('contact_updated', { uuid: CONTACT, tags: ['a'] })).not.toBe(
			eventIdentity('contact_updated', { uuid: CONTACT, tags: ['a', 'b'] }),
		);
	});

	it('conversations: the contact and when it opened, and when it closed', () => {
		const opened = { contact: { uuid: CONTACT }, createdAt: 't0', closedAt: null };
		expect(eventIdentity('conversation_opened', opened)).toBe(
			`conversation_opened:${CONTACT}:t0:-`,
		);
		expect(eventIdentity('conversation_closed', { ...opened, closedAt: 't1' })).toBe(
			`conversation_closed:${CONTACT}:t0:t1`,
		);
	});

	it('the same payload under two events is two events; a payload that is not an object is hashed', () => {
		expect(eventIdentity('contact_created', { uuid: CONTACT })).not.toBe(
			eventIdentity('contact_deleted', { uuid: CONTACT }),
		);
		expect(eventIdentity('custom_event', 'text')).toMatch(/^custom_event:sha256:/);
		expect(eventIdentity('custom_event', undefined)).toBe(eventIdentity('custom_event', null));
	});
});
