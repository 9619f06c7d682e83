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

	/** The fields the panel shows for these values, in a node of this version. */
	const shown = (typeVersion: number, values: INodeParameters) => {
		const visible = (parameter: INodeProperties, level: INodeParameters) =>
			NodeHelpers.displayParameter(level, parameter, { typeVersion }, action, values);
		const top = action.properties.filter((p) => visible(p, values)).map((p) => p.name);
		const options = action.properties.find((p) => p.name === 'options' && visible(p, values))!
			.options as INodeProperties[];
		return [
			...top,
			...options
				.filter((o) => visible(o, (values.options ?? {}) as INodeParameters))
				.map((o) => `options.${o.name}`),
		];
	};
	const searchWith = (output?: string): INodeParameters => ({
		resource: 'task',
		operation: 'search',
		returnAll: false,
		...(output ? { output } : {}),
		options: {},
	});

	it('hides what Output: Task Type Counts ignores, and shows it again for Tasks (version 1)', () => {
		const ignoredByCounts = ['returnAll', 'limit', 'simplify'];
		expect(shown(1, searchWith(undefined))).toEqual(expect.arrayContaining(ignoredByCounts));
		expect(shown(1, searchWith('tasks'))).toEqual(expect.arrayContaining(ignoredByCounts));
		const counts = shown(1, searchWith('taskTypeCounts'));
		expect(counts.filter((name) => ignoredByCounts.includes(name))).toEqual([]);
		expect(counts).toEqual(expect.arrayContaining(['output', 'filters', 'options.sortByField']));
	});

	it('shows Output on Search and Get from version 2, Fields only for Selected Fields, and no Simplify', () => {
		for (const operation of ['search', 'get']) {
			const values = { ...searchWith(), operation };
			expect(shown(2, { ...values, output: 'simple' })).toEqual(expect.arrayContaining(['output']));
			for (const output of ['simple', 'raw', 'fields'])
				expect(shown(2, { ...values, output }).filter((n) => n === 'simplify')).toEqual([]);
			expect(shown(2, { ...values, output: 'raw' })).not.toContain('fields');
			expect(shown(2, { ...values, output: 'fields' })).toContain('fields');
			// Version 1 keeps Simplify and has no Fields.
			expect(shown(1, values)).toContain('simplify');
			expect(shown(1, { ...values, output: 'fields' })).not.toContain('fields');
		}
		const counts = shown(2, searchWith('taskTypeCounts'));
		expect(counts.filter((n) => ['returnAll', 'limit', 'fields', 'simplify'].includes(n))).toEqual(
			[],
		);
	});

	it("writes actions as n8n's guidelines do, without articles, and keeps the operation values", () => {
		const operations = optionsOf(action, 'operation');
		expect(operations.map((o) => o.value)).toEqual([
			'complete',
			'create',
			'get',
			'search',
			'skip',
			'update',
		]);
		for (const { action: text } of operations) expect(text).not.toMatch(/\b(a|an|the)\b/i);
		expect(operations.map((o) => o.action)).toEqual([
			'Complete task',
			'Create tasks',
			'Get task',
			'Search tasks',
			'Skip task',
			'Update task',
		]);
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
