/** Account → Get Plan: `GET /plan`, output as Callbell answers it (`plan, includedChannels, licenses, activeUsers, teams`). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequest } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [optionsCollection([])];

export const description = showOnlyFor('account', 'getPlan', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return (await callbellApiRequest.call(
		this,
		{ method: 'GET', path: apiPath('plan') },
		itemIndex,
	)) as IDataObject;
}
