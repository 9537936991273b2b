// The coordinator worker of the module with the Python interpreter, which runs programs (see
// coordinator.js); loaded when a program is first shown or run.
import * as wasm from '../../pkg-python/threadplay.js';
import { serveCoordinator } from './coordinator.js';

serveCoordinator(wasm);
