/** Types for the untyped modules the repository's ES module scripts import. */
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export interface ScanResult {
		passed: boolean;
		message?: string;
		details?: string;
	}
	export function analyzePackage(directory: string, patterns: string[]): Promise<ScanResult>;
	export const SOURCE_FILE_PATTERNS: string[];
}

declare module 'eslint-plugin-n8n-nodes-base' {
	const plugin: import('eslint').ESLint.Plugin & {
		configs: Record<string, { rules: import('eslint').Linter.RulesRecord }>;
	};
	export default plugin;
}

declare module 'gulp' {
	interface Stream {
		pipe(destination: Stream): Stream;
	}
	export function task(name: string, run: () => Stream): void;
	export function src(glob: string, options?: { encoding?: boolean | string }): Stream;
	export function dest(folder: string): Stream;
}
