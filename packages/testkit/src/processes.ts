/** Finds processes by their command line or PID, to prove a server left nothing running: the agent's readers. */
export { isAlive, processesMatching } from '@ft/agent/host';
