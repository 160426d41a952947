import { parseFlatted } from '../../../dev/n8n/flatted';

describe('parseFlatted: run data as n8n stores it', () => {
	test('strings, numbers, null, nested arrays and objects come back as they were', () => {
		// flatted.stringify({ status: 'success', data: { a: 'x', b: [1, 'x', { c: true }], n: null, e: '' } })
		const text =
			'[{"status":"1","data":"2"},"success",{"a":"3","b":"4","n":null,"e":"5"},"x",[1,"3","6"],"",{"c":true}]';
		expect(parseFlatted(text)).toEqual({
			status: 'success',
			data: { a: 'x', b: [1, 'x', { c: true }], n: null, e: '' },
		});
	});

	test('a circular reference points back at the same object', () => {
		const parsed = parseFlatted('[{"name":"1","self":"0"},"run"]') as Record<string, unknown>;
		expect(parsed.name).toBe('run');
		expect(parsed.self).toBe(parsed);
	});

	test('a plain string is its own document', () => {
		expect(parseFlatted('["just a string"]')).toBe('just a string');
	});

	test('anything but a flatted array is refused', () => {
		expect(() => parseFlatted('{"data":{}}')).toThrow(/Not flatted data/);
		expect(() => parseFlatted('[]')).toThrow(/Not flatted data/);
	});
});
