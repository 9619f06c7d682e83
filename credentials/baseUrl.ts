import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://api.apollo.io';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Names that reach a cloud provider's instance metadata service (which hands out the machine's own secrets). */
const METADATA_HOSTS = new Set([
	'metadata.google.internal',
	'metadata.goog',
	'metadata',
	'instance-data',
	'instance-data.ec2.internal',
]);

/** IPv4 metadata addresses outside the link-local range (Alibaba Cloud). */
const METADATA_IPV4 = new Set(['100.100.100.200']);

/** IPv6 metadata addresses outside fe80::/10 (AWS Nitro), fully expanded. */
const METADATA_IPV6 = new Set(['fd00:0ec2:0000:0000:0000:0000:0000:0254']);

export interface BaseUrlRefusal {
	message: string;
	description: string;
}

function ipv4(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
		return undefined;
	return parts.map(Number);
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (`[...]`, compressed, maybe with a dotted tail). */
function ipv6(host: string): number[] | undefined {
	if (!host.startsWith('[') || !host.endsWith(']')) return undefined;
	let text = host.slice(1, -1).toLowerCase();
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted) {
		const v4 = ipv4(dotted[1]);
		if (!v4) return undefined;
		text =
			text.slice(0, -dotted[1].length) +
			`${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
	}
	const [head, tail, extra] = text.split('::');
	if (extra !== undefined) return undefined;
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const missing = 8 - left.length - right.length;
	if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
	const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
	return groups.map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, or NAT64 64:ff9b::a.b.c.d). */
function embeddedIpv4(groups: number[]): number[] | undefined {
	const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
	const nat64 =
		groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
	if (!mapped && !nat64) return undefined;
	return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff];
}

/** Why a request must not go to this IPv4 address, if it must not. */
function refusedIpv4(a: number[]): string | undefined {
	if (a[0] === 169 && a[1] === 254)
		return a[2] === 169 && a[3] === 254
			? 'a cloud metadata address'
			: 'a link-local address (169.254.0.0/16)';
	if (METADATA_IPV4.has(a.join('.'))) return 'a cloud metadata address';
	if (a[0] === 0) return 'an unspecified address (0.0.0.0/8)';
	return undefined;
}

function refusedHost(hostname: string): string | undefined {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (METADATA_HOSTS.has(host)) return 'a cloud metadata address';
	const v4 = ipv4(host);
	if (v4) return refusedIpv4(v4);
	const v6 = ipv6(host);
	if (!v6) return undefined;
	const carried = embeddedIpv4(v6);
	if (carried) return refusedIpv4(carried);
	const expanded = v6.map((g) => g.toString(16).padStart(4, '0')).join(':');
	if (METADATA_IPV6.has(expanded)) return 'a cloud metadata address';
	if ((v6[0] & 0xffc0) === 0xfe80) return 'a link-local address (fe80::/10)';
	if (v6.every((g) => g === 0)) return 'an unspecified address (::)';
	return undefined;
}

/**
 * The Base URL policy, in one place for the node, the trigger and the credential test: the API root
 * (`https://api.apollo.io/api/v1`, or a proxy's or sandbox's) for a Base URL, or why it is refused.
 * - https anywhere but at link-local and cloud metadata addresses, which hand out the n8n machine's own
 *   cloud credentials and never host Apollo or a proxy for it;
 * - plain http only to this machine (the key travels in every request);
 * - private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) over https: a company proxy in front of Apollo
 *   lives there, and n8n's HTTP Request node reaches them anyway, so refusing them would protect nothing.
 * Hosts are judged as written: a DNS name that resolves to a refused address is not caught here.
 */
export function checkBaseUrl(baseUrl: unknown): { root: string } | { refusal: BaseUrlRefusal } {
	const raw = String(baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return {
			refusal: {
				message: `The Base URL "${raw}" of the Apollo Tasks credential is not a URL`,
				description:
					'Set it to https://api.apollo.io (the default), or to the address of a local Apollo sandbox.',
			},
		};
	}
	const refused =
		url.protocol === 'http:' || url.protocol === 'https:' ? refusedHost(url.hostname) : undefined;
	if (refused) {
		return {
			refusal: {
				message: `The Base URL "${raw}" of the Apollo Tasks credential points at ${refused}`,
				description:
					'The API key would be sent there, and such addresses serve the machine n8n runs on, never Apollo. Use https://api.apollo.io, the https address of your proxy, or http://localhost for a local sandbox.',
			},
		};
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
		return {
			refusal: {
				message: `The Base URL "${raw}" of the Apollo Tasks credential must use https`,
				description:
					'The API key travels in every request, so plain http is allowed only for localhost. Use https://api.apollo.io.',
			},
		};
	}
	if (url.search || url.hash || url.username || url.password) {
		return {
			refusal: {
				message:
					'The Base URL of the Apollo Tasks credential must not contain a query, a fragment or a login',
				description: 'Set it to https://api.apollo.io (the default).',
			},
		};
	}
	const path = url.pathname.replace(/\/+$/, '').replace(/(\/api)?\/v1$/, '');
	return { root: `${url.origin}${path}/api/v1` };
}

/** The checked API root for a node; a refused Base URL becomes the node's error, before any request. */
export function apiRoot(node: INode, baseUrl: unknown): string {
	const checked = checkBaseUrl(baseUrl);
	if ('refusal' in checked)
		throw new NodeOperationError(node, checked.refusal.message, {
			description: checked.refusal.description,
		});
	return checked.root;
}
