// The agent's entry (dist/agent.js): runs the declaration in service.ts.
import { runAgent } from '@ft/agent';
import { phpmyadmin } from './service.js';

runAgent(phpmyadmin);
