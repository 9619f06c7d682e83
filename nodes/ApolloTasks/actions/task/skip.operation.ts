import { finishOperation } from './finish';

export const { description, execute } = finishOperation('skip');
