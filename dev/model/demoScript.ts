/**
 * What the scripted model does in `npm run dev`'s "Demo: WhatsApp AI assistant": for any
 * incoming message, look the contact up by the phone number in the prompt, read the latest
 * messages and tag the contact (one turn, two calls), reply on WhatsApp, then end with a
 * summary. It is a script, not a model: the reply is a fixed text with the contact's name.
 *
 * Stateless: each step follows from the tool results already in the request, so several
 * conversations can run at once. Tools are found by their description (the Callbell
 * operation's action), not by node name, so renaming a tool node in the editor keeps the demo
 * working; a tool that is missing is skipped. When the customer's message asks for a person,
 * the conversation is handed over to the Support team (with a note) before the reply.
 */
import {
	SCRIPTED_MODEL_ID,
	type ChatRequestView,
	type OfferedTool,
	type ScriptedReply,
	type ToolResult,
} from './chat';

/** The tag the demo adds: the contact just wrote, so the lead is hot (the demo seed has it). */
export const DEMO_TAG = 'hot';

/** The start of each Callbell action the demo uses (n8n appends "in Callbell"). */
const ACTIONS = {
	find: 'Find a contact by phone number',
	messages: 'Get the latest messages of a contact',
	tag: 'Add tags to a contact',
	handOver: 'Hand a conversation over to a team or person',
	send: 'Send a message or template',
} as const;

/** The team the demo hands a conversation over to (the demo seed has it). */
export const DEMO_HANDOVER_TEAM = 'Support';

/** A customer message that asks for a person rather than the bot. */
const ASKS_FOR_A_PERSON = /\b(person|human|someone|somebody|operator|colleague|agent)\b/i;

type Step = keyof typeof ACTIONS;

/** The values the demo fills in; each tool argument takes the one its name asks for. */
interface Values {
	phone: string;
	contact?: string;
	text?: string;
	note?: string;
}

function toolFor(request: ChatRequestView, step: Step): OfferedTool | undefined {
	return request.tools.find((tool) => tool.description.startsWith(ACTIONS[step]));
}

/** A phone number in the prompt: a + or digit, then digits and separators, at least 7 digits. */
export function phoneNumberIn(text: string): string | undefined {
	return text.match(/\+?\d[\d\s().-]{5,}\d/)?.[0];
}

/** What the customer wrote: the prompt's "Message:" line, else the whole prompt. */
function customerMessage(prompt: string): string {
	return prompt.match(/^Message:\s*(.*)$/m)?.[1] ?? prompt;
}

/** Each of the tool's arguments (its JSON schema's properties) filled by what its name says. */
function argumentsFor(tool: OfferedTool, values: Values): Record<string, string> {
	const properties = Object.keys((tool.parameters.properties ?? {}) as Record<string, unknown>);
	return Object.fromEntries(
		properties.map((name) => {
			if (/tag/i.test(name)) return [name, DEMO_TAG];
			if (/team/i.test(name)) return [name, DEMO_HANDOVER_TEAM];
			if (/note|summary/i.test(name)) return [name, values.note ?? ''];
			if (/text|message|reply/i.test(name)) return [name, values.text ?? ''];
			if (/phone|^to$/i.test(name)) return [name, values.phone];
			return [name, values.contact ?? values.phone];
		}),
	);
}

function resultOf(request: ChatRequestView, tool: OfferedTool | undefined): ToolResult | undefined {
	return tool && request.toolResults.filter((result) => result.name === tool.name).at(-1);
}

/** The first item of a tool result (n8n hands back the tool's items as a JSON list). */
function firstItem(result: ToolResult | undefined): Record<string, unknown> | undefined {
	const json = result?.json;
	const item = Array.isArray(json) ? json[0] : json;
	return typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : undefined;
}

const itemCount = (result: ToolResult | undefined) =>
	Array.isArray(result?.json) ? result.json.length : 0;

const finalText = (text: string): ScriptedReply => ({
	text: `${text} (${SCRIPTED_MODEL_ID}: a scripted demo, not a real model)`,
});

function call(tool: OfferedTool, values: Values): ScriptedReply {
	return { toolCalls: [{ name: tool.name, arguments: argumentsFor(tool, values) }] };
}

export function whatsAppAssistantTurn(request: ChatRequestView): ScriptedReply {
	const tools = {
		find: toolFor(request, 'find'),
		messages: toolFor(request, 'messages'),
		tag: toolFor(request, 'tag'),
		handOver: toolFor(request, 'handOver'),
		send: toolFor(request, 'send'),
	};
	const phone = phoneNumberIn(request.userText);
	if (!phone) return finalText('The prompt has no phone number to look the customer up by.');
	if (!tools.find) return finalText('No Callbell tool to find a contact by phone number.');

	const found = resultOf(request, tools.find);
	if (!found) return call(tools.find, { phone });
	const contact = firstItem(found);
	if (!contact || typeof contact.uuid !== 'string')
		return finalText(`Could not find the contact ${phone}: ${found.content}`);
	const name = typeof contact.name === 'string' ? contact.name : phone;
	const values: Values = {
		phone: typeof contact.phoneNumber === 'string' ? contact.phoneNumber : phone,
		contact: contact.uuid,
		note: `${name} asked to talk to a person: ${customerMessage(request.userText)}`,
		text: `Hi ${name.split(' ')[0]}, thanks for your message! We have your conversation in front of us and a colleague will get back to you shortly.`,
	};

	// Reading and tagging need nothing from each other: one turn, two calls.
	const readAndTag = [tools.messages, tools.tag].filter(
		(tool): tool is OfferedTool => tool !== undefined && !resultOf(request, tool),
	);
	if (readAndTag.length > 0)
		return {
			toolCalls: readAndTag.map((tool) => ({
				name: tool.name,
				arguments: argumentsFor(tool, values),
			})),
		};
	const handsOver =
		tools.handOver !== undefined && ASKS_FOR_A_PERSON.test(customerMessage(request.userText));
	if (handsOver && !resultOf(request, tools.handOver)) return call(tools.handOver!, values);
	if (tools.send && !resultOf(request, tools.send)) return call(tools.send, values);

	const done = [
		`Found ${name}`,
		tools.messages && `read their latest ${itemCount(resultOf(request, tools.messages))} messages`,
		tools.tag && `tagged them "${DEMO_TAG}"`,
		handsOver && `handed the conversation over to ${DEMO_HANDOVER_TEAM}`,
		tools.send && 'replied on WhatsApp',
	].filter(Boolean);
	return finalText(`${done.join(', ')}.`);
}
