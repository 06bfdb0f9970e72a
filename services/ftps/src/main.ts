// The agent's entry (dist/agent.js): runs the declaration in service.ts.
import { runAgent } from '@ft/agent';
import { ftps } from './service.js';

runAgent(ftps);
