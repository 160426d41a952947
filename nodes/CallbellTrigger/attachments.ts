/**
 * Options → Download Attachments: every link in a message's `attachments` as the item's binary
 * data (`attachment_0`, `attachment_1`, … in the order of the links), for a transcription or
 * vision node. A download that fails or is too large loses nothing else: the item still starts,
 * with `attachmentErrors: [{ url, reason }]`, and its binary key stays free.
 */
import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { downloadFile, type DownloadLimits } from '../Callbell/transport';

export interface DownloadedAttachments {
	binary: IBinaryKeyData;
	errors: IDataObject[];
}

export async function downloadAttachments(
	this: IWebhookFunctions,
	urls: string[],
	limits: DownloadLimits,
): Promise<DownloadedAttachments> {
	const outcomes = await Promise.all(
		urls.map(async (url, index) => {
			const download = await downloadFile.call(this, url, limits);
			if ('refused' in download) return { error: { url, reason: download.refused } };
			const { data, fileName, mimeType } = download.file;
			try {
				return {
					binary: await this.helpers.prepareBinaryData(
						data,
						fileName ?? `attachment_${index}`,
						mimeType,
					),
				};
			} catch (error) {
				// Callbell already has its answer: a full binary-data store must not lose the event.
				return {
					error: { url, reason: `could not be stored in n8n: ${(error as Error).message}` },
				};
			}
		}),
	);
	const downloaded: DownloadedAttachments = { binary: {}, errors: [] };
	outcomes.forEach((outcome, index) => {
		if (outcome.binary !== undefined) downloaded.binary[`attachment_${index}`] = outcome.binary;
		else downloaded.errors.push(outcome.error);
	});
	return downloaded;
}
