import { defineEngineContract } from './helpers/engine-contract.ts';

defineEngineContract('redis');
