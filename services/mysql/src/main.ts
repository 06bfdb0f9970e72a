// The agent's entry (dist/agent.js): runs the declaration in service.ts.
import { runAgent } from '@ft/agent';
import { mysql } from './service.js';

runAgent(mysql);
