/**
 * Imported first by the page and the worker. zod (the rulebook schema) otherwise probes whether it
 * may compile validators with `new Function`; the page's Content-Security-Policy forbids eval, and
 * the browser reports the probe as a violation even though zod catches it. Without the probe zod
 * validates the same way, only without compiled fast paths (the rulebook is small).
 */
import { config } from 'zod';

config({ jitless: true });
