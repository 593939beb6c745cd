// The request-conformance check: generated code against the request its prompt was read into.
export { checkFacts, checkRequest, checkRequestSource, createRequestChecker, type RequestChecker } from './checkRequest';
export { collectCodeFacts, type CodeFacts } from './codeFacts';
export { classLine, toDiagnostics } from './diagnostics';
export type { MismatchField, RequestMismatch } from './mismatch';
export { REQUEST_MISMATCH } from '../diagnostic';
