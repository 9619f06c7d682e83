/** GitHub's anchors for a Markdown file's headings: what a `#…` link to that file may name. */
export function anchorsOf(markdown: string): Set<string> {
	return new Set(
		[...markdown.matchAll(/^#+ (.+)$/gm)].map(([, title]) =>
			title
				.toLowerCase()
				.replace(/[^\p{L}\p{N} -]/gu, '')
				.replace(/ /g, '-'),
		),
	);
}

/** The targets of a Markdown file's links and images, code spans and fenced blocks left out. */
export function linksOf(markdown: string): string[] {
	const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
	return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);
}
