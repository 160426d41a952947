/**
 * Attachments served from the emulator's own host, as Callbell's CDN serves the media of the
 * messages contacts send: an image, a voice note and a PDF, plus files of any size for size
 * limits. No token is needed (a CDN URL is public), yet every request is recorded like an API
 * request, so a test can tell whether a client sent its `Authorization` header along.
 */
import { Readable } from 'node:stream';

export const ATTACHMENTS_PREFIX = '/attachments/';
/** `GET /attachments/sized/<bytes>.bin`: up to this many bytes, streamed. */
export const MAX_SIZED_ATTACHMENT_BYTES = 100 * 1024 * 1024;
const SIZED_CHUNK_BYTES = 64 * 1024;

/** A 16×16 baseline JPEG (a green gradient, 637 bytes) that any decoder opens. */
const PHOTO_JPEG_BASE64 =
	'/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2MBERISGBUYLxoaL2NCOEJjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY//AABEIABAAEAMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoLEQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/AIBHTlI8KMh4jrKUjaMiyI6UpHDGQ8R1jKRtGR//2Q==';

/** Ogg's page checksum: CRC-32, polynomial 0x04c11db7, not reflected, initial value 0. */
function oggCrc(bytes: Buffer): number {
	let crc = 0;
	for (const byte of bytes) {
		crc ^= byte << 24;
		for (let bit = 0; bit < 8; bit++)
			crc = crc & 0x80000000 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
	}
	return crc >>> 0;
}

/** One Ogg page (RFC 3533) holding whole packets, each under 255 bytes. */
function oggPage(packets: Buffer[], sequence: number, granule: number, flags: number): Buffer {
	const header = Buffer.alloc(27);
	header.write('OggS', 0, 'latin1');
	header.writeUInt8(flags, 5);
	header.writeBigUInt64LE(BigInt(granule), 6);
	header.writeUInt32LE(0x43424c4c, 14); // stream serial: "CBLL"
	header.writeUInt32LE(sequence, 18);
	header.writeUInt8(packets.length, 26);
	const page = Buffer.concat([
		header,
		Buffer.from(packets.map((packet) => packet.length)),
		...packets,
	]);
	page.writeUInt32LE(oggCrc(page), 22);
	return page;
}

/** A voice note as WhatsApp sends them, Opus in Ogg (RFC 7845): one second of silence, mono. */
function voiceNoteOgg(): Buffer {
	const preSkip = 312;
	const opusHead = Buffer.alloc(19);
	opusHead.write('OpusHead', 0, 'latin1');
	opusHead.writeUInt8(1, 8); // version
	opusHead.writeUInt8(1, 9); // channels
	opusHead.writeUInt16LE(preSkip, 10);
	opusHead.writeUInt32LE(48_000, 12); // the input's sample rate
	const vendor = Buffer.from('callbell-emulator', 'latin1');
	const opusTags = Buffer.alloc(8 + 4 + vendor.length + 4);
	opusTags.write('OpusTags', 0, 'latin1');
	opusTags.writeUInt32LE(vendor.length, 8);
	vendor.copy(opusTags, 12);
	// 50 frames of 20 ms, each Opus's silent CELT frame.
	const silence = Array.from({ length: 50 }, () => Buffer.from([0xf8, 0xff, 0xfe]));
	return Buffer.concat([
		oggPage([opusHead], 0, 0, 0x02), // beginning of stream
		oggPage([opusTags], 1, 0, 0),
		oggPage(silence, 2, preSkip + 48_000, 0x04), // end of stream
	]);
}

/** A one-page PDF ("Invoice 2024-001") with a correct cross-reference table. */
function invoicePdf(): Buffer {
	const text = 'BT /F1 18 Tf 72 720 Td (Invoice 2024-001) Tj ET';
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let pdf = '%PDF-1.4\n';
	const offsets = objects.map((object, index) => {
		const offset = pdf.length;
		pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
		return offset;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

const FILES: Array<{ name: string; mimeType: string; content: Buffer }> = [
	{ name: 'photo.jpg', mimeType: 'image/jpeg', content: Buffer.from(PHOTO_JPEG_BASE64, 'base64') },
	{ name: 'voice-note.ogg', mimeType: 'audio/ogg', content: voiceNoteOgg() },
	{ name: 'invoice.pdf', mimeType: 'application/pdf', content: invoicePdf() },
];

/** The files under `/attachments/<name>`; `bytes` is each one's length. */
export const ATTACHMENTS: ReadonlyArray<{ name: string; mimeType: string; bytes: number }> =
	FILES.map(({ name, mimeType, content }) => ({ name, mimeType, bytes: content.length }));

export const isAttachmentName = (value: string) => FILES.some((file) => file.name === value);

export interface AttachmentAnswer {
	status: number;
	headers?: Record<string, string>;
	/** The file, with its type and length in `headers`. */
	stream?: Readable;
	/** Why there is no file. */
	body?: object;
}

/** `bytes` zero bytes in chunks, so a 100 MB download never sits in memory at once. */
function zeroes(bytes: number): Readable {
	return Readable.from(
		(function* () {
			const chunk = Buffer.alloc(SIZED_CHUNK_BYTES);
			for (let left = bytes; left > 0; left -= SIZED_CHUNK_BYTES)
				yield left >= SIZED_CHUNK_BYTES ? chunk : chunk.subarray(0, left);
		})(),
	);
}

function file(mimeType: string, bytes: number, stream: Readable): AttachmentAnswer {
	return {
		status: 200,
		headers: { 'content-type': mimeType, 'content-length': String(bytes) },
		stream,
	};
}

/** The answer to `GET <path>` under ATTACHMENTS_PREFIX: a file, or a 404. */
export function attachmentAnswer(method: string, path: string): AttachmentAnswer {
	const name = path.slice(ATTACHMENTS_PREFIX.length);
	const found = FILES.find((candidate) => candidate.name === name);
	const sized = /^sized\/(\d{1,9})\.bin$/.exec(name);
	const sizedBytes = sized ? Number(sized[1]) : NaN;
	if (method === 'GET' && found)
		return file(found.mimeType, found.content.length, Readable.from([found.content]));
	if (method === 'GET' && sizedBytes <= MAX_SIZED_ATTACHMENT_BYTES)
		return file('application/octet-stream', sizedBytes, zeroes(sizedBytes));
	return { status: 404, body: { error: 'Attachment not found' } };
}
