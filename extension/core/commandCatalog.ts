// The product's command surface, in one table. package.json `contributes.commands` must list exactly
// these (a unit test checks it), and the adapter registers a handler for each.

export interface CommandInfo {
  id: string;
  title: string;
  /** Runs programs, starts servers or sends code to a model: waits for Workspace Trust. */
  needsTrust: boolean;
}

export const COMMANDS = {
  generateStrategy: {
    id: 'leanAuthor.generateStrategy',
    title: 'Generate LEAN Strategy',
    needsTrust: true,
  },
  refineStrategy: {
    id: 'leanAuthor.refineStrategy',
    title: 'Refine Strategy',
    needsTrust: true,
  },
  runBacktest: {
    id: 'leanAuthor.runBacktest',
    title: 'Run Backtest',
    needsTrust: true,
  },
  showBacktestPanel: {
    id: 'leanAuthor.showBacktestPanel',
    title: 'Show Backtest Panel',
    needsTrust: false,
  },
  exportReport: {
    id: 'leanAuthor.exportReport',
    title: 'Export Report',
    needsTrust: false,
  },
  startModelServer: {
    id: 'leanAuthor.startModelServer',
    title: 'Start Local Model Server',
    needsTrust: true,
  },
  stopModelServer: {
    id: 'leanAuthor.stopModelServer',
    title: 'Stop Local Model Server',
    needsTrust: false,
  },
  selectModel: {
    id: 'leanAuthor.selectModel',
    title: 'Select Model',
    needsTrust: true,
  },
  downloadModel: {
    id: 'leanAuthor.downloadModel',
    title: 'Download Model',
    needsTrust: true,
  },
  runTrainingTask: {
    id: 'leanAuthor.runTrainingTask',
    title: 'Run Training Task',
    needsTrust: true,
  },
  useAdapter: {
    id: 'leanAuthor.useAdapter',
    title: 'Use Adapter',
    needsTrust: true,
  },
  setApiKey: {
    id: 'leanAuthor.setApiKey',
    title: 'Set API Key',
    needsTrust: false,
  },
} as const satisfies Record<string, CommandInfo>;

export type CommandName = keyof typeof COMMANDS;

/** What a command did, returned to programmatic callers (other extensions, the e2e suite). */
export type CommandOutcome =
  | { status: 'done'; detail?: string; /** The notification shown, where the command showed one. */ message?: string }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  | { status: 'needs-setup'; message: string }
  | { status: 'needs-trust'; message: string };

export const CATEGORY = 'LEAN';
