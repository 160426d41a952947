/** What the unit stories share: the input error a pure helper throws, to read its message and field. */
import { CallbellInputError } from '../../nodes/Callbell/helpers/validation';

/** The CallbellInputError `run` throws; fails the story if it throws nothing or something else. */
export function inputError(run: () => unknown): CallbellInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof CallbellInputError) return error;
		throw error;
	}
	throw new Error('expected a CallbellInputError');
}
