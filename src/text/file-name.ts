/** File names as text: what is left of a path for showing it or for finding a unit's name in it. */

/** The file name without its folders ("C:/x/Cư Jút.xlsx" -> "Cư Jút.xlsx"), for display. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
