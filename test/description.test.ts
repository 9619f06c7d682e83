import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ApolloTasks } from '../nodes/ApolloTasks/ApolloTasks.node';
import { ApolloTasksTrigger } from '../nodes/ApolloTasksTrigger/ApolloTasksTrigger.node';
import { anchorsOf } from './harness/markdown';

const action = new ApolloTasks().description;
const trigger = new ApolloTasksTrigger().description;
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const codex = (file: string) =>
	JSON.parse(readFileSync(join(__dirname, '..', 'nodes', file), 'utf8'));

/** GitHub's anchors for the README's headings. */
const anchors = anchorsOf(readme);

/** The canvas subtitle for these parameters, evaluated as plain JavaScript. */
function subtitle(description: INodeTypeDescription, parameters: INodeParameters): unknown {
	const expression = /^=\{\{(.*)\}\}$/s.exec(String(description.subtitle))![1];
	return new Function('$parameter', `return (${expression});`)(parameters);
}

const optionsOf = (description: INodeTypeDescription, name: string) =>
	description.properties
		.filter((p) => p.name === name)
		.flatMap((p) => (p.options ?? []) as INodePropertyOptions[]);

describe('What n8n shows about the nodes', () => {
	it("names the chosen operation and event on the canvas by the names the panel uses, not the parameter's value", () => {
		for (const option of optionsOf(action, 'operation'))
			expect(subtitle(action, { resource: 'task', operation: option.value })).toBe(option.action);
		for (const option of optionsOf(trigger, 'event'))
			expect(subtitle(trigger, { event: option.value })).toBe(option.name);
		expect(subtitle(trigger, { event: 'taskDue' })).toBe('Task Due');
		expect(subtitle(trigger, { event: 'somethingNew' })).toBe('somethingNew');
	});

	it('writes both subtitles as literal expressions, as the community rules require, not as getters', () => {
		for (const description of [action, trigger]) {
			const subtitleProperty = Object.getOwnPropertyDescriptor(description, 'subtitle');
			expect(subtitleProperty?.get).toBeUndefined();
			expect(subtitleProperty?.value).toMatch(/^=\{\{ \(\{"/);
		}
	});

	it('gives every number field a lowest and a highest value, so the panel refuses what a run would', () => {
		const numbers = (properties: INodeProperties[]): INodeProperties[] =>
			properties.flatMap((p) => [
				...(p.type === 'number' ? [p] : []),
				...numbers(((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o)),
			]);
		const bounds = [...numbers(action.properties), ...numbers(trigger.properties)].map((p) => [
			p.name,
			typeof p.typeOptions?.minValue,
			typeof p.typeOptions?.maxValue,
		]);
		// Create's and Search's, the request options every operation has, and the trigger's.
		const names = 'batchSize confirmWithin lookbackHours limit maxRateLimitWait timeout'.split(' ');
		names.push('dueWithinHours', 'maxRequests', 'quotaReserve', 'quotaShare');
		expect(new Set(bounds.map(([name]) => name))).toEqual(new Set(names));
		for (const [name, min, max] of bounds)
			expect([name, min, max]).toEqual([name, 'number', 'number']);
	});

	it("links Docs to sections of this package's README that exist", () => {
		for (const [url, file] of [
			[action.documentationUrl, 'ApolloTasks/ApolloTasks.node.json'],
			[trigger.documentationUrl, 'ApolloTasksTrigger/ApolloTasksTrigger.node.json'],
		]) {
			expect(url).toMatch(
				/^https:\/\/github\.com\/n8n-nodes-apollo-tasks\/n8n-nodes-apollo-tasks#/,
			);
			expect(anchors).toContain(url!.split('#')[1]);
			expect(codex(file!).resources.primaryDocumentation[0].url).toBe(url);
		}
		for (const operation of optionsOf(action, 'operation'))
			expect(anchors).toContain(String(operation.value));
	});

	it('hides what Output: Task Type Counts ignores, and shows it again for Tasks', () => {
		const shown = (output: string | undefined) => {
			const values: INodeParameters = {
				resource: 'task',
				operation: 'search',
				returnAll: false,
				...(output ? { output } : {}),
				options: {},
			};
			const visible = (parameter: INodeProperties, level: INodeParameters) =>
				NodeHelpers.displayParameter(level, parameter, { typeVersion: 1 }, action, values);
			const top = action.properties.filter((p) => visible(p, values)).map((p) => p.name);
			const options = action.properties.find((p) => p.name === 'options' && visible(p, values))!
				.options as INodeProperties[];
			return [
				...top,
				...options
					.filter((o) => visible(o, values.options as INodeParameters))
					.map((o) => `options.${o.name}`),
			];
		};
		const ignoredByCounts = ['returnAll', 'limit', 'simplify'];
		expect(shown(undefined)).toEqual(expect.arrayContaining(ignoredByCounts));
		expect(shown('tasks')).toEqual(expect.arrayContaining(ignoredByCounts));
		expect(shown('taskTypeCounts').filter((name) => ignoredByCounts.includes(name))).toEqual([]);
		expect(shown('taskTypeCounts')).toEqual(
			expect.arrayContaining(['output', 'filters', 'options.sortByField']),
		);
	});
});

describe('What Create shows', () => {
	const create = new ApolloTasks().description;
	const options = create.properties.find(
		(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('create'),
	)!;
	const unknownEmails = (options.options as INodeProperties[]).find(
		(o) => o.name === 'unknownEmails',
	)!;
	const shown = (contactsBy: string) =>
		NodeHelpers.displayParameter({}, unknownEmails, { typeVersion: 1 }, create, {
			resource: 'task',
			operation: 'create',
			contactsBy,
		});

	it('offers Options > Unknown Emails only with Contacts By: Emails', () => {
		expect(shown('email')).toBe(true);
		expect(shown('id')).toBe(false);
		expect(shown('list')).toBe(false);
	});
});
