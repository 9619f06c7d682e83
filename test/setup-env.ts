import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The engine writes its settings under N8N_USER_FOLDER; keep them out of the home folder.
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'apollo-tasks-test-'));
