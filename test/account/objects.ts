/** Moved to test/stories.ts; kept while the story files move (issue 15). */
export { MISSING, byId, failure, fromList, itemsOf, runOperation, viaExpression, type NodeFailure, type OperationRun as ObjectRun } from '../stories';
