/**
 * The engine's Web Worker: reads, checks and writes workbooks off the page's thread, so the pane
 * (and Excel, which restarts an add-in that stops answering) stays responsive. Office.js cannot run
 * here: inside Excel the page reads the grids and sends them over. One job at a time; the page
 * cancels a job by terminating the worker.
 */
import '../strict-csp';
import { serveEngine, type WorkerScopeLike } from './worker-host';

serveEngine(self as unknown as WorkerScopeLike);
