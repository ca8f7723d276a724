/// <reference types="office-js" />
/**
 * The ribbon's function file (FunctionFile in manifest.xml). The only button opens the task pane
 * (ShowTaskpane), so there is no command to register; Office still wants the page to initialise.
 */
const g = globalThis as unknown as { Office?: typeof Office };
g.Office?.onReady(() => undefined);
