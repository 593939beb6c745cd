// Entry point of the generation core, bundled as dist/generation.js (it carries the `openai` client and
// the template library). The extension requires it on the first Generate or Refine; the CLI imports the
// modules directly.
export { generateStrategy, refineStrategy, type GenerateRequest, type GenerationOutcome, type RefineRequest } from './generate';
export { checkProjectName, findLeanWorkspace, projectFiles, type ProjectFile } from './leanProject';
export { apiKeyVariable, ChainExhaustedError, ModelConfigurationError, StreamInterruptedError, type ModelEndpoint } from './modelChain';
export { isOfflineDeclined, OfflineDeclinedError } from './offlineGenerator';
export { suggestProjectName } from './promptReader';
export type { GenerationEvent, RepairRound } from './repairLoop';
