#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so `pnpm greenlca …` always matches the repo.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
