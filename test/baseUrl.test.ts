import { checkBaseUrl } from '../credentials/baseUrl';

const root = (baseUrl: string) => {
	const checked = checkBaseUrl(baseUrl);
	return 'root' in checked
		? checked.root
		: `refused: ${checked.refusal.message.replace(/^The Base URL (".*" )?of the Apollo Tasks credential /, '')}`;
};

describe('The Base URL policy (one place for the node, the trigger and the credential test)', () => {
	it.each([
		['', 'https://api.apollo.io/api/v1'],
		['https://api.apollo.io', 'https://api.apollo.io/api/v1'],
		['https://api.apollo.io/v1', 'https://api.apollo.io/api/v1'],
		['https://api.apollo.io/api/v1/', 'https://api.apollo.io/api/v1'],
		['https://proxy.example.com/apollo', 'https://proxy.example.com/apollo/api/v1'],
		['http://localhost:4010', 'http://localhost:4010/api/v1'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010/api/v1'],
		['http://[::1]:4010', 'http://[::1]:4010/api/v1'],
		// Private ranges: allowed over https, for a company proxy in front of Apollo.
		['https://10.1.2.3', 'https://10.1.2.3/api/v1'],
		['https://172.16.0.9:8443', 'https://172.16.0.9:8443/api/v1'],
		['https://192.168.1.20', 'https://192.168.1.20/api/v1'],
		['https://[fd12:3456::1]', 'https://[fd12:3456::1]/api/v1'],
	])('accepts %j as %s', (baseUrl, expected) => {
		expect(root(baseUrl)).toBe(expected);
	});

	it.each([
		// Cloud metadata, in every spelling the URL parser accepts.
		['https://169.254.169.254', 'points at a cloud metadata address'],
		['http://169.254.169.254/latest/meta-data', 'points at a cloud metadata address'],
		['https://2852039166', 'points at a cloud metadata address'],
		['https://0xa9.0xfe.0xa9.0xfe', 'points at a cloud metadata address'],
		['https://[::ffff:169.254.169.254]', 'points at a cloud metadata address'],
		['https://[64:ff9b::a9fe:a9fe]', 'points at a cloud metadata address'],
		['https://[fd00:ec2::254]', 'points at a cloud metadata address'],
		['https://[FD00:0EC2:0:0:0:0:0:254]', 'points at a cloud metadata address'],
		['https://metadata.google.internal', 'points at a cloud metadata address'],
		['http://metadata.google.internal./computeMetadata/v1', 'points at a cloud metadata address'],
		['https://METADATA', 'points at a cloud metadata address'],
		['https://100.100.100.200', 'points at a cloud metadata address'],
		// Link-local.
		['https://169.254.1.1', 'points at a link-local address (169.254.0.0/16)'],
		['https://169.254.170.2', 'points at a link-local address (169.254.0.0/16)'],
		['https://[fe80::1]', 'points at a link-local address (fe80::/10)'],
		['https://[febf::1]', 'points at a link-local address (fe80::/10)'],
		['https://[::ffff:169.254.1.1]', 'points at a link-local address (169.254.0.0/16)'],
		// Nowhere.
		['https://0.0.0.0', 'points at an unspecified address (0.0.0.0/8)'],
		['https://[::]', 'points at an unspecified address (::)'],
		// Plain http leaves this machine only over https.
		['http://example.com', 'must use https'],
		['http://api.apollo.io', 'must use https'],
		['http://10.1.2.3', 'must use https'],
		['ftp://api.apollo.io', 'must use https'],
		['https://user:pass@api.apollo.io', 'must not contain a query, a fragment or a login'],
		['https://api.apollo.io/?x=1', 'must not contain a query, a fragment or a login'],
		['api apollo io', 'is not a URL'],
	])('refuses %j: %s', (baseUrl, why) => {
		expect(root(baseUrl)).toBe(`refused: ${why}`);
	});

	it('tells the user what to do instead', () => {
		const checked = checkBaseUrl('https://169.254.169.254');
		expect('refusal' in checked && checked.refusal.description).toMatch(
			/API key would be sent there.*https:\/\/api\.apollo\.io/,
		);
	});

	it('does not mistake public addresses that merely look alike', () => {
		for (const baseUrl of [
			'https://169.253.169.254',
			'https://[fec0::1]',
			'https://metadata.example.com',
			'https://100.100.100.201',
		]) {
			expect(root(baseUrl)).toMatch(/^https:/);
		}
	});
});
