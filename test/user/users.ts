/**
 * What the User stories share: Alice and Bob of the test account, and the custom status "In a
 * meeting", added before each story.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';

export const ALICE = IDS.users.alice;
export const BOB = IDS.users.bob;
export const MEETING = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a501';
const SEEDED_AT = '2026-01-15T09:30:00.000Z';
export const MEETING_JSON = {
	id: MEETING,
	name: 'In a meeting',
	emoji: '📅',
	createdAt: SEEDED_AT,
	updatedAt: SEEDED_AT,
};
export const statusPath = (uuid: string) => `/v1/users/${uuid}/status`;

/** Adds "In a meeting" to the emulator's account; call in beforeEach (after its reset). */
export function addMeeting(emulator: CallbellEmulator): void {
	emulator.state.customStatuses.push({ ...MEETING_JSON });
}
