/** Attachments from the emulator's own host, as Callbell's CDN serves a contact's media. */
import { ATTACHMENTS, startEmulator, type CallbellEmulator } from '../../dev/emulator';

let emulator: CallbellEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
beforeEach(() => emulator.reset());
afterAll(async () => await emulator.close());

async function download(path: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${emulator.url}${path}`, { headers });
	return {
		status: response.status,
		contentType: response.headers.get('content-type'),
		contentLength: response.headers.get('content-length'),
		bytes: Buffer.from(await response.arrayBuffer()),
	};
}

/** Ogg's page checksum, computed with the page's own checksum field zeroed. */
function oggCrc(page: Buffer): number {
	const copy = Buffer.from(page);
	copy.writeUInt32LE(0, 22);
	let crc = 0;
	for (const byte of copy) {
		crc ^= byte << 24;
		for (let bit = 0; bit < 8; bit++)
			crc = crc & 0x80000000 ? ((crc << 1) ^ 0x04c11db7) >>> 0 : (crc << 1) >>> 0;
	}
	return crc;
}

/** The Ogg pages of a file, each with its stored checksum. */
function oggPages(bytes: Buffer): Array<{ page: Buffer; crc: number }> {
	const pages = [];
	for (let offset = 0; offset < bytes.length;) {
		const segments = bytes.readUInt8(offset + 26);
		const table = bytes.subarray(offset + 27, offset + 27 + segments);
		const length = 27 + segments + table.reduce((sum, size) => sum + size, 0);
		const page = bytes.subarray(offset, offset + length);
		pages.push({ page, crc: page.readUInt32LE(22) });
		offset += length;
	}
	return pages;
}

describe('the three files a contact can send', () => {
	it('are listed with their type and length, each at attachmentUrl(name)', () => {
		expect(ATTACHMENTS.map(({ name, mimeType }) => [name, mimeType])).toEqual([
			['photo.jpg', 'image/jpeg'],
			['voice-note.ogg', 'audio/ogg'],
			['invoice.pdf', 'application/pdf'],
		]);
		for (const { bytes } of ATTACHMENTS) expect(bytes).toBeGreaterThan(100);
		expect(emulator.attachmentUrl('photo.jpg')).toBe(`${emulator.url}/attachments/photo.jpg`);
	});

	it.each(ATTACHMENTS)('GET /attachments/$name answers $mimeType with its length', async (file) => {
		const answer = await download(`/attachments/${file.name}`);
		expect(answer).toMatchObject({
			status: 200,
			contentType: file.mimeType,
			contentLength: String(file.bytes),
		});
		expect(answer.bytes).toHaveLength(file.bytes);
	});

	it('the photo is a whole JPEG: start and end of image markers', async () => {
		const { bytes } = await download('/attachments/photo.jpg');
		expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
		expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
	});

	it('the voice note is Opus in Ogg: OpusHead, OpusTags, then audio, every page checksummed', async () => {
		const { bytes } = await download('/attachments/voice-note.ogg');
		const pages = oggPages(bytes);
		expect(pages).toHaveLength(3);
		for (const { page, crc } of pages) {
			expect(page.subarray(0, 4).toString('latin1')).toBe('OggS');
			expect(oggCrc(page)).toBe(crc);
		}
		expect(bytes.includes('OpusHead')).toBe(true);
		expect(bytes.includes('OpusTags')).toBe(true);
		expect(pages[0].page.readUInt8(5)).toBe(0x02); // beginning of stream
		expect(pages[2].page.readUInt8(5)).toBe(0x04); // end of stream
	});

	it('the PDF is one page whose startxref points at its cross-reference table', async () => {
		const text = (await download('/attachments/invoice.pdf')).bytes.toString('latin1');
		expect(text.startsWith('%PDF-1.4\n')).toBe(true);
		expect(text.endsWith('%%EOF\n')).toBe(true);
		const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
		expect(text.slice(startxref, startxref + 4)).toBe('xref');
		expect(text).toContain('(Invoice 2024-001) Tj');
	});
});

describe('any size, for size limits', () => {
	it('GET /attachments/sized/<bytes>.bin answers exactly that many bytes', async () => {
		expect(await download('/attachments/sized/1000.bin')).toMatchObject({
			status: 200,
			contentType: 'application/octet-stream',
			contentLength: '1000',
			bytes: Buffer.alloc(1000),
		});
		const large = await download('/attachments/sized/3000000.bin');
		expect(large.contentLength).toBe('3000000');
		expect(large.bytes).toHaveLength(3_000_000);
		expect((await download('/attachments/sized/0.bin')).bytes).toHaveLength(0);
	});

	it('up to 100 MB', async () => {
		const response = await fetch(`${emulator.url}/attachments/sized/${100 * 1024 * 1024}.bin`);
		expect(response.headers.get('content-length')).toBe(String(100 * 1024 * 1024));
		await response.body?.cancel();
		expect((await download(`/attachments/sized/${100 * 1024 * 1024 + 1}.bin`)).status).toBe(404);
	});
});

describe('like a CDN', () => {
	it('anything else under /attachments is a 404', async () => {
		for (const path of [
			'/attachments/missing.png',
			'/attachments/',
			'/attachments/sized/abc.bin',
			'/attachments/sized/-1.bin',
			'/attachments/photo.jpg/more',
		])
			expect(await download(path)).toMatchObject({ status: 404 });
		const posted = await fetch(`${emulator.url}/attachments/photo.jpg`, { method: 'POST' });
		expect(posted.status).toBe(404);
	});

	it('needs no token, and records each request with its headers', async () => {
		await download('/attachments/photo.jpg');
		await download('/attachments/invoice.pdf', { authorization: 'Bearer leaked' });
		const [photo, invoice] = emulator.requestsTo('GET', /^\/attachments\//);
		expect(photo).toMatchObject({ path: '/attachments/photo.jpg', status: 200 });
		expect(photo.headers.authorization).toBeUndefined();
		expect(invoice).toMatchObject({ path: '/attachments/invoice.pdf', status: 200 });
		expect(invoice.headers.authorization).toBe('Bearer leaked');
	});

	it('faults apply: a download can fail, or hang', async () => {
		emulator.injectFault({ method: 'GET', path: '/attachments/photo.jpg', status: 500 });
		expect((await download('/attachments/photo.jpg')).status).toBe(500);
		expect((await download('/attachments/photo.jpg')).status).toBe(200);

		// Short enough that the server's wait is over before jest looks for open handles.
		emulator.injectFault({ path: /^\/attachments\/voice/, status: 200, delayMs: 600 });
		await expect(
			fetch(`${emulator.url}/attachments/voice-note.ogg`, { signal: AbortSignal.timeout(150) }),
		).rejects.toThrow('aborted');
		expect(emulator.requestsTo('GET', '/attachments/voice-note.ogg')).toMatchObject([
			{ status: 0, answeredAt: 0 },
		]);
	});

	it('a fault with only a delay: the real file, late', async () => {
		emulator.injectFault({ method: 'GET', path: '/attachments/invoice.pdf', delayMs: 200 });
		const started = Date.now();
		const response = await download('/attachments/invoice.pdf');
		expect(response.status).toBe(200);
		expect(response.contentType).toBe('application/pdf');
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
	});
});
