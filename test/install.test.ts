import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
};

describe('docker-compose.yml: n8n in Docker with this package (Docker does not run here: read, not started)', () => {
	const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
		services: Record<
			string,
			{ image: string; environment: Record<string, string>; volumes: string[]; ports: string[] }
		>;
		volumes: Record<string, unknown>;
	};
	const n8n = compose.services.n8n;

	it("runs n8n's official image, keeps its data in a volume and serves the editor on 5678", () => {
		expect(n8n.image).toMatch(/^docker\.n8n\.io\/n8nio\/n8n:/);
		expect(n8n.ports).toContain('5678:5678');
		expect(n8n.volumes).toContain('n8n_data:/home/node/.n8n');
		expect(Object.keys(compose.volumes)).toContain('n8n_data');
	});

	it('installs this package, at this version, from the environment, with unverified packages allowed', () => {
		const env = n8n.environment;
		expect(env.N8N_COMMUNITY_PACKAGES_ENABLED).toBe('true');
		expect(env.N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV).toBe('true');
		expect(env.N8N_UNVERIFIED_PACKAGES_ENABLED).toBe('true');
		expect(JSON.parse(env.N8N_COMMUNITY_PACKAGES)).toEqual([
			{ name: pkg.name, version: pkg.version },
		]);
	});

	it("is the file the README's Install section names, with the variables it names", () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const install = readme.slice(
			readme.indexOf('## Install in n8n'),
			readme.indexOf('## Credential'),
		);
		expect(install).toContain('docker-compose.yml');
		for (const name of Object.keys(n8n.environment).filter(
			(n) => n !== 'N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE',
		))
			expect(install).toContain(name);
	});
});
