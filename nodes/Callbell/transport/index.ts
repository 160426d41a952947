/** The transport: requests, answers, pagination, pacing and retries (see each file). */
export { unwrapContact, unwrapObject } from './answers';
export { CREDENTIAL_TYPE, DEFAULT_REQUESTS_PER_SECOND, normalizeBaseUrl } from './credentials';
export { callbellApiRequestAllItems, type ListRequest } from './pagination';
export {
	apiPath,
	callbellApiRequest,
	clearItemRequestSettings,
	DEFAULT_REQUEST_SETTINGS,
	setItemRequestSettings,
	type CallbellContext,
	type CallbellRequest,
	type RequestSettings,
} from './request';
