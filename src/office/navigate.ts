/// <reference types="office-js" />
/** Takes the user to a finding: activates its sheet and selects its cell, in one sync. */
import { normalizeAddress } from '../sheet/address';
import { officeStep } from './errors';

export async function selectCell(ctx: Excel.RequestContext, sheet: string, address: string | null): Promise<void> {
  const where = address ? `${sheet}!${normalizeAddress(address)}` : sheet;
  await officeStep({ vi: `chọn ô ${where}`, en: `select ${where}` }, async () => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    if (address) ws.getRange(normalizeAddress(address)).select();
    await ctx.sync();
  });
}
