/**
 * Callbell's webhook signatures: `X-Callbell-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`,
 * computed with the account's webhook secret (`whsec_…`, the whole string is the key) over
 * `<t>.<raw request body>`. Pure: the trigger hands in the header, the bytes received and the time.
 */
import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-callbell-signature';
/** A `t` further than this from now is refused: an old request replayed. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

interface ParsedHeader {
	timestamp: string;
	signatures: string[];
}

/** `t=…,v1=…` → its parts; several `v1` may come while a secret is being rotated. */
function parseHeader(header: string): ParsedHeader | undefined {
	let timestamp: string | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const separator = part.indexOf('=');
		if (separator === -1) return undefined;
		const key = part.slice(0, separator).trim();
		const value = part.slice(separator + 1).trim();
		if (key === 't') timestamp = value;
		else if (key === 'v1') signatures.push(value);
	}
	if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0)
		return undefined;
	return { timestamp, signatures };
}

/** The `v1` value Callbell computes for this body at time `t`. */
export function computeSignature(secret: string, timestamp: string, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Whether the header proves the body came from Callbell, signed with `secret`, within the last 5 minutes. */
export function verifySignature(
	secret: string,
	header: unknown,
	rawBody: Buffer,
	nowSeconds: number,
): SignatureCheck {
	if (typeof header !== 'string' || header.trim() === '') {
		return { valid: false, reason: 'no X-Callbell-Signature header' };
	}
	const parsed = parseHeader(header);
	if (!parsed) return { valid: false, reason: 'a malformed X-Callbell-Signature header' };
	if (Math.abs(nowSeconds - Number(parsed.timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
		return { valid: false, reason: 'a signature more than 5 minutes old (or ahead)' };
	}
	const expected = Buffer.from(computeSignature(secret, parsed.timestamp, rawBody), 'hex');
	const matches = parsed.signatures.some((signature) => {
		if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
		return timingSafeEqual(Buffer.from(signature, 'hex'), expected);
	});
	return matches
		? { valid: true }
		: { valid: false, reason: 'a signature that does not match the body' };
}
