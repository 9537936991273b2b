// The coordinator worker of the page's first module, which runs scenarios (see coordinator.js).
import * as wasm from '../../pkg/threadplay.js';
import { serveCoordinator } from './coordinator.js';

serveCoordinator(wasm);
