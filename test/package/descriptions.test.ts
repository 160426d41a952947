/**
 * Every node's and credential's description as n8n's loader hands it to the editor (and, for
 * `usableAsTool`, to AI agents), compared with the snapshot in __snapshots__/. A change of the
 * package's layout must leave it as it is; a change a later issue asks for updates it on
 * purpose (`npx jest test/package/descriptions -u`), in the same commit, with the contract
 * (contract.test.ts) and the saved workflows (test/compat/) still passing.
 */
import { loadPackage, shutdownHarness } from '../harness';

afterAll(async () => await shutdownHarness());

it('the descriptions n8n loads are the snapshot', async () => {
	const { descriptions } = await loadPackage();
	// The package's version changes with every release; nothing else of it is the node's.
	const loaded = JSON.parse(JSON.stringify(descriptions), (key, value: unknown) =>
		key === 'communityNodePackageVersion' ? undefined : value,
	) as unknown;
	expect(loaded).toMatchSnapshot();
});

it('no parameter asks n8n to check its type while the node runs (params/parameterMemo.ts skips that check)', async () => {
	const { descriptions } = await loadPackage();
	expect(JSON.stringify(descriptions)).not.toMatch(
		/"validateType"|"ignoreValidationDuringExecution"/,
	);
});
