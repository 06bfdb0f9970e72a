// The agent's entry (dist/agent.js): runs the declaration in service.ts.
import { runAgent } from '@ft/agent';
import { wordpress } from './service.js';

runAgent(wordpress);
