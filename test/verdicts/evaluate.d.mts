// Types of evaluate.mjs (the shared evaluation of the verdict corpus) for verdicts.test.ts.
export interface Finding { file: string; line: number; code: string; message: string }
export interface Judgement { pass: boolean; errors: Finding[]; missed: { file: string; code: string }[]; extra: Finding[] }
export interface ScenarioResult {
  id: string;
  expect: 'good' | 'fault';
  title: string;
  dialects?: string[];
  unrecognised?: string[];
  /** Absent when the scenario is invalid (`problems` non-empty): invalid scenarios are reported, not evaluated. */
  alone?: Judgement;
  together?: Judgement;
  changed?: boolean;
  problems: string[];
  pass: boolean;
}
export interface Scenario { id: string; dir: string; files: string[]; verdict: unknown; problems: string[] }
export const ROOT: string;
export const SCENARIOS_DIR: string;
export const CLI: string;
export const DIALECTS: string[];
export const LICENSES: string[];
export const REDISTRIBUTABLE: string[];
export function validateVerdict(id: string, verdict: unknown, files: string[]): string[];
export function loadScenarios(dir?: string): Scenario[];
export function runCli(cwd: string, target: string, cli?: string): Promise<any>;
export function evaluate(options?: { dir?: string; cli?: string; concurrency?: number }): Promise<{ results: ScenarioResult[]; summary: any }>;
