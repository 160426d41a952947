/** The events a trigger remembers (Ignore Duplicates): 24 hours, bounded, oldest forgotten first. */
import {
	MAX_EVENTS_PER_TRIGGER,
	REMEMBER_MS,
	isRepeatedEvent,
	rememberedEvents,
} from '../../../nodes/CallbellTrigger/recentEvents';

let triggers = 0;
const newTrigger = () => `unit-trigger-${++triggers}`;
const NOW = Date.parse('2026-12-03T12:00:00Z');

describe('isRepeatedEvent', () => {
	it('the first delivery is new, a retry of it is repeated', () => {
		const trigger = newTrigger();
		expect(isRepeatedEvent(trigger, 'message_created:a', NOW)).toBe(false);
		expect(isRepeatedEvent(trigger, 'message_created:a', NOW + 1000)).toBe(true);
		expect(isRepeatedEvent(trigger, 'message_created:b', NOW + 1000)).toBe(false);
	});

	it('each trigger remembers its own events', () => {
		const first = newTrigger();
		const second = newTrigger();
		isRepeatedEvent(first, 'e', NOW);
		expect(isRepeatedEvent(second, 'e', NOW)).toBe(false);
	});

	it('forgotten after 24 hours', () => {
		const trigger = newTrigger();
		isRepeatedEvent(trigger, 'e', NOW);
		expect(isRepeatedEvent(trigger, 'e', NOW + REMEMBER_MS - 1)).toBe(true);
		const later = NOW + 2 * REMEMBER_MS;
		expect(isRepeatedEvent(trigger, 'e', later)).toBe(false);
		expect(isRepeatedEvent(trigger, 'e', later + 1)).toBe(true);
	});

	it(`at most ${MAX_EVENTS_PER_TRIGGER} per trigger: the oldest is forgotten first`, () => {
		const trigger = newTrigger();
		for (let index = 0; index <= MAX_EVENTS_PER_TRIGGER; index++)
			isRepeatedEvent(trigger, `e${index}`, NOW + index);
		expect(rememberedEvents(trigger)).toBe(MAX_EVENTS_PER_TRIGGER);
		expect(isRepeatedEvent(trigger, `e${MAX_EVENTS_PER_TRIGGER}`, NOW + 20_000)).toBe(true);
		expect(isRepeatedEvent(trigger, 'e0', NOW + 20_000)).toBe(false);
	});

	it('expired events are dropped as new ones come in', () => {
		const trigger = newTrigger();
		for (let index = 0; index < 100; index++) isRepeatedEvent(trigger, `old${index}`, NOW);
		isRepeatedEvent(trigger, 'new', NOW + REMEMBER_MS + 1);
		expect(rememberedEvents(trigger)).toBe(1);
	});
});
