'use strict';

/** The API keys the sandbox knows, and Apollo's answers for a key that may not call an endpoint. */

const MASTER_KEY = 'sandbox-master-key';
const PLAIN_KEY = 'sandbox-plain-key';
const FREE_KEY = 'sandbox-free-key';

const INVALID = { status: 401, body: { status: 401, message: 'Invalid access credentials.' } };

/**
 * @param {unknown} key the x-api-key header
 * @param {string} path
 * @returns {{ status: number, body: unknown } | undefined} the refusal, if the key may not call this path
 */
function checkKey(key, path) {
	if (typeof key !== 'string' || key === '') return INVALID;
	if (key === MASTER_KEY) return undefined;
	if (key === FREE_KEY) {
		return {
			status: 403,
			body: {
				error: `api/v1${path.replace(/^\/api\/v1/, '')} is not accessible with this access token on a free plan. Please upgrade your plan.`,
				error_code: 'API_INACCESSIBLE',
			},
		};
	}
	if (key === PLAIN_KEY) {
		if (path.endsWith('/contacts/search')) return undefined;
		return {
			status: 403,
			body: {
				error:
					'This endpoint requires a master API key. Create one under Settings > Integrations > API.',
			},
		};
	}
	return INVALID;
}

module.exports = { MASTER_KEY, PLAIN_KEY, FREE_KEY, checkKey };
