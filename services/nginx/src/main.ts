// The agent's entry (dist/agent.js): runs the declaration in service.ts.
import { runAgent } from '@ft/agent';
import { nginx } from './service.js';

runAgent(nginx);
