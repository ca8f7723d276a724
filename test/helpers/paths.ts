/** Where the tests find the project and its inputs, wherever the test file sits under test/. */
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
/** ../shared/corpus beside the checkout (CI lays it there). */
export const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
