/**
 * Downloads a file a Callbell event links to (an image, a voice note, a document), bounded in
 * size and time. The API token goes only to the credential's own API host, and never along a
 * redirect: any other host (a CDN, a customer's link) gets a plain request without it.
 */
import type { IHttpRequestOptions, IN8nHttpFullResponse, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, normalizeBaseUrl } from './credentials';

export interface DownloadLimits {
	maxBytes: number;
	timeoutMs: number;
}

export interface DownloadedFile {
	data: Buffer;
	/** From Content-Type, without its parameters. */
	mimeType?: string;
	/** From Content-Disposition, else the link's last path segment. */
	fileName?: string;
}

/** The file, or why it was not downloaded (in words for the item's `attachmentErrors`). */
export type Download = { file: DownloadedFile } | { refused: string };

/** A response body as n8n hands it over with `encoding: 'stream'`. */
type BodyStream = AsyncIterable<Buffer> & { destroy(): void };

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MB`;

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value);
}

function fileNameOf(url: URL, disposition: string | undefined): string | undefined {
	const quoted = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '')?.[1];
	const fromPath = url.pathname.split('/').pop();
	const name = quoted ?? fromPath;
	if (name === undefined || name === '') return undefined;
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

/** The whole body, or undefined (the stream destroyed) as soon as it passes `maxBytes`. */
async function readBounded(stream: BodyStream, maxBytes: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of stream) {
		total += chunk.length;
		if (total > maxBytes) {
			stream.destroy();
			return undefined;
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

async function isApiHost(this: IWebhookFunctions, url: URL): Promise<boolean> {
	const { baseUrl } = await this.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
	try {
		return new URL(normalizeBaseUrl(String(baseUrl ?? ''))).origin === url.origin;
	} catch {
		return false;
	}
}

async function get(
	this: IWebhookFunctions,
	url: URL,
	limits: DownloadLimits,
	signal: AbortSignal,
	redirectsLeft: number,
): Promise<Download> {
	const withToken = await isApiHost.call(this, url);
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: url.href,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: limits.timeoutMs,
		abortSignal: signal,
		// n8n would carry the token along a redirect to another host: redirects are followed here.
		disableFollowRedirect: withToken,
	};
	const response = (
		withToken
			? await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)
			: await this.helpers.httpRequest(options)
	) as IN8nHttpFullResponse;
	const body = response.body as BodyStream;
	const location = header(response, 'location');
	const tooLarge = `larger than the limit of ${megabytes(limits.maxBytes)}`;
	if (response.statusCode >= 300 && response.statusCode < 400 && location !== undefined) {
		body.destroy();
		if (redirectsLeft === 0) return { refused: 'too many redirects' };
		return await get.call(this, new URL(location, url), limits, signal, redirectsLeft - 1);
	}
	if (response.statusCode >= 400) {
		body.destroy();
		return { refused: `the server answered ${response.statusCode}` };
	}
	const length = Number(header(response, 'content-length'));
	if (Number.isFinite(length) && length > limits.maxBytes) {
		body.destroy();
		return { refused: `${megabytes(length)}, ${tooLarge}` };
	}
	const data = await readBounded(body, limits.maxBytes);
	if (data === undefined) return { refused: tooLarge };
	return {
		file: {
			data,
			mimeType: header(response, 'content-type')?.split(';')[0].trim() || undefined,
			fileName: fileNameOf(url, header(response, 'content-disposition')),
		},
	};
}

/** The file at `link`, or why not (too large, too slow, refused by its server, not a link). */
export async function downloadFile(
	this: IWebhookFunctions,
	link: string,
	limits: DownloadLimits,
): Promise<Download> {
	let url: URL;
	try {
		url = new URL(link);
	} catch {
		return { refused: 'not a link' };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return { refused: 'not an http(s) link' };
	const signal = AbortSignal.timeout(limits.timeoutMs);
	try {
		return await get.call(this, url, limits, signal, 5);
	} catch (error) {
		if (signal.aborted)
			return { refused: `no complete answer within ${limits.timeoutMs / 1000} s` };
		return { refused: `could not be downloaded: ${(error as Error).message}` };
	}
}
