/** Commands and policy see the validated settings; only src/config.ts reads them. */
export type { Config as Settings } from '../config.js';
