/** Vietnamese text: normalisation, legacy encodings, syllables, dates. */
export { nfc, fold, foldCompact, stripMarks, skeleton } from './normalize';
export {
  type LegacyEncoding,
  fontEncoding,
  fontIsUppercase,
  detectLegacy,
  detectLegacyInTexts,
  decodeLegacy,
  encodeLegacy,
  legacyEncodingOf,
  decodeIfLegacy,
} from './legacy';
export { baseName } from './file-name';
export { type Tone, splitTone, isVietnameseSyllable } from './syllable';
export {
  type DateParse,
  isValidDate,
  serialToDate,
  dateToSerial,
  parseDateValue,
  formatDate,
  parseDateLine,
  ageOn,
} from './dates';
