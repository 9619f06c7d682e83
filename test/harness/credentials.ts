import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { ApolloTasksApi } from '../../credentials/ApolloTasksApi.credentials';

export const credentialTypes: Record<string, ICredentialType> = {
	apolloTasksApi: new ApolloTasksApi(),
};

/**
 * Hands the test's credential to the engine and applies the credential type's own `authenticate` as
 * n8n's server does: a function is called with the credential and the request; a generic one has its
 * `={{$credentials.apiKey}}` resolved through the workflow's expression engine. n8n's own test helper
 * skips authentication, so it would send no key.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const options = requestOptions as IHttpRequestOptions;
		if (typeof type?.authenticate === 'function')
			return await type.authenticate(credentials, options);
		const authenticate = type?.authenticate as IAuthenticateGeneric | undefined;
		if (!authenticate || authenticate.type !== 'generic' || !workflow || !node) return options;
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					)
				: value;
		for (const [target, values] of Object.entries(authenticate.properties) as Array<
			[keyof IHttpRequestOptions, Record<string, unknown>]
		>) {
			const current = ((options[target] as Record<string, unknown> | undefined) ?? {}) as Record<
				string,
				unknown
			>;
			for (const [key, value] of Object.entries(values)) current[key] = resolve(value);
			(options as unknown as Record<string, unknown>)[target] = current;
		}
		return options;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('Not used by these tests');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}
