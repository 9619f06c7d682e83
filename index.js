'use strict';

/**
 * The package's entry point, for code that drives n8n-core itself: the node, the trigger and the
 * credential classes, as built in dist/. n8n finds them through the "n8n" attribute of package.json.
 */
const { ApolloTasks } = require('./dist/nodes/ApolloTasks/ApolloTasks.node.js');
const {
	ApolloTasksTrigger,
} = require('./dist/nodes/ApolloTasksTrigger/ApolloTasksTrigger.node.js');
const { ApolloTasksApi } = require('./dist/credentials/ApolloTasksApi.credentials.js');

module.exports = { ApolloTasks, ApolloTasksTrigger, ApolloTasksApi };
