/**
 * What the Custom Status stories share: the account's two custom statuses, added before each
 * story, "In a meeting" (a 32-hex id) and "Lunch" (a hyphenated UUID).
 */
import type { CallbellEmulator } from '../../dev/emulator';

export const MEETING = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a501';
// Callbell's own example writes a custom status id as a hyphenated UUID.
export const LUNCH = 'a5a5a5a5-a5a5-4a5a-a5a5-a5a5a5a5a502';
export const SEEDED_AT = '2026-01-15T09:30:00.000Z';
export const LIST_PATH = '/v1/custom_statuses';

/** Adds both statuses to the emulator's account; call in beforeEach (after its reset). */
export function addStatuses(emulator: CallbellEmulator): void {
	emulator.state.customStatuses.push(
		{ id: MEETING, name: 'In a meeting', emoji: '📅', createdAt: SEEDED_AT, updatedAt: SEEDED_AT },
		{ id: LUNCH, name: 'Lunch', emoji: '🥪', createdAt: SEEDED_AT, updatedAt: SEEDED_AT },
	);
}
