/**
 * The events each trigger started lately (Options → Ignore Duplicates), in this n8n process's
 * memory: 24 hours, at most MAX_EVENTS_PER_TRIGGER per trigger and MAX_TRIGGERS triggers, the
 * oldest forgotten first. Not shared between n8n processes (README: several webhook processes).
 */

export const REMEMBER_MS = 24 * 60 * 60 * 1000;
export const MAX_EVENTS_PER_TRIGGER = 10_000;
const MAX_TRIGGERS = 1_000;

/** Per trigger: event identity → when it is forgotten. Maps keep insertion order: oldest first. */
const recentByTrigger = new Map<string, Map<string, number>>();

function eventsOf(trigger: string): Map<string, number> {
	let events = recentByTrigger.get(trigger);
	if (events === undefined) {
		events = new Map();
		recentByTrigger.set(trigger, events);
		if (recentByTrigger.size > MAX_TRIGGERS) {
			recentByTrigger.delete(recentByTrigger.keys().next().value as string);
		}
	}
	return events;
}

/**
 * Whether this trigger already started this event (within 24 hours); if not, it is remembered
 * now, so a retry arriving while the first delivery is still being handled is caught too.
 */
export function isRepeatedEvent(trigger: string, identity: string, now: number): boolean {
	const events = eventsOf(trigger);
	const forgetAt = events.get(identity);
	if (forgetAt !== undefined && forgetAt > now) return true;
	events.delete(identity);
	events.set(identity, now + REMEMBER_MS);
	for (const [oldest, expiry] of events) {
		if (events.size <= MAX_EVENTS_PER_TRIGGER && expiry > now) break;
		events.delete(oldest);
	}
	return false;
}

/** How many events a trigger remembers (tests and the README's figures). */
export function rememberedEvents(trigger: string): number {
	return recentByTrigger.get(trigger)?.size ?? 0;
}
