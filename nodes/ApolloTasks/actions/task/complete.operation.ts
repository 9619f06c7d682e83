import { finishOperation } from './shared';

export const { description, execute } = finishOperation('complete');
