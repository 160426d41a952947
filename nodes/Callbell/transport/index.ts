/** The transport: requests, answers, pagination, pacing and retries (see each file). */
export { unwrapContact, unwrapObject } from './answers';
export { CREDENTIAL_TYPE } from './credentials';
export {
	callbellApiRequestAllItems,
	callbellApiRequestListOnce,
	type ListRequest,
} from './pagination';
export {
	apiPath,
	callbellApiRequest,
	clearItemRequestSettings,
	setItemRequestSettings,
	type CallbellContext,
	type CallbellRequest,
	type RequestSettings,
} from './request';
export { downloadFile, type Download, type DownloadLimits, type DownloadedFile } from './download';
