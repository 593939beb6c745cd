// Training support for the extension (dist/training.js, loaded on first use): the `lean-training` task
// command lines and the GGUF header checks of Use Adapter.
export * from './trainingTasks';
export * from './ggufInfo';
