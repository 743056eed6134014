// Coded concepts and colours written into (and read from) SEG segments.
//
// Category: SCT 91723000 "Anatomical Structure" for every label. Type: SCT 38199008 "Tooth" for a label
// named "Tooth"; every other label gets a code of our private scheme "99CBCTWB" whose value is the
// label value (private schemes start with "99": PS3.16 §8.2), so that our reader maps segments back to
// label values exactly, whatever the segment numbers are.
// Colour: RecommendedDisplayCIELabValue from the schema's sRGB colour, CIE 1976 L*a*b* with the D65
// white point (as DCMTK's IODCIELabUtil), scaled to 0…65535 as PS3.3 C.10.7.1.1 defines.

import type { DicomElementSpec } from '../io/dicom/index.js';
import { getString } from '../io/dicom/index.js';
import { firstItem, type DicomNode } from './dicom-tree.js';
import { SegTag } from './seg-tags.js';

export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

export const PRIVATE_SCHEME = '99CBCTWB';
export const ANATOMICAL_STRUCTURE: Code = {
  value: '91723000',
  scheme: 'SCT',
  meaning: 'Anatomical Structure',
};
const KNOWN_TYPES: Record<string, Code> = { tooth: { value: '38199008', scheme: 'SCT', meaning: 'Tooth' } };
/** DCM 113076 "Segmentation" (derivation) and 121322 "Source image for image processing operation". */
export const DERIVATION_SEGMENTATION: Code = { value: '113076', scheme: 'DCM', meaning: 'Segmentation' };
export const PURPOSE_SOURCE_IMAGE: Code = {
  value: '121322',
  scheme: 'DCM',
  meaning: 'Source image for image processing operation',
};

export function typeCodeFor(value: number, name: string): Code {
  return (
    KNOWN_TYPES[name.trim().toLowerCase()] ?? {
      value: String(value),
      scheme: PRIVATE_SCHEME,
      meaning: name.slice(0, 64),
    }
  );
}

export function codeItem(code: Code): DicomElementSpec[] {
  return [
    { tag: SegTag.CodeValue, vr: 'SH', value: code.value },
    { tag: SegTag.CodingSchemeDesignator, vr: 'SH', value: code.scheme },
    { tag: SegTag.CodeMeaning, vr: 'LO', value: code.meaning },
  ];
}

export function readCode(node: DicomNode, sequenceTag: number): Code | undefined {
  const item = firstItem(node, sequenceTag);
  if (!item) return undefined;
  return {
    value: getString(item.ds, SegTag.CodeValue) ?? '',
    scheme: getString(item.ds, SegTag.CodingSchemeDesignator) ?? '',
    meaning: getString(item.ds, SegTag.CodeMeaning) ?? '',
  };
}

/** The label value a type code of our private scheme stands for, if it is one. */
export function valueFromPrivateCode(code: Code | undefined): number | undefined {
  if (code?.scheme !== PRIVATE_SCHEME || !/^\d{1,5}$/.test(code.value)) return undefined;
  return Number(code.value);
}

const WHITE_D65 = [0.95047, 1, 1.08883] as const;
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
const fInv = (t: number) => (t > 6 / 29 ? t ** 3 : 3 * (6 / 29) ** 2 * (t - 4 / 29));

/** sRGB (0–255) → DICOM-scaled CIELab (three integers 0…65535). */
export function rgbToDicomLab(rgb: readonly number[]): [number, number, number] {
  const [r, g, b] = [0, 1, 2].map((n) => toLinear(Math.min(255, Math.max(0, rgb[n] ?? 0)) / 255)) as [
    number,
    number,
    number,
  ];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / WHITE_D65[0];
  const y = (0.2126729 * r + 0.7151522 * g + 0.072175 * b) / WHITE_D65[1];
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / WHITE_D65[2];
  const L = 116 * f(y) - 16;
  const A = 500 * (f(x) - f(y));
  const B = 200 * (f(y) - f(z));
  const clamp = (v: number) => Math.min(65535, Math.max(0, Math.round(v)));
  return [clamp((L * 65535) / 100), clamp(((A + 128) * 65535) / 255), clamp(((B + 128) * 65535) / 255)];
}

/** DICOM-scaled CIELab → sRGB (0–255 integers). */
export function dicomLabToRgb(lab: readonly number[]): [number, number, number] {
  const L = ((lab[0] ?? 0) * 100) / 65535;
  const A = ((lab[1] ?? 0) * 255) / 65535 - 128;
  const B = ((lab[2] ?? 0) * 255) / 65535 - 128;
  const fy = (L + 16) / 116;
  const x = fInv(fy + A / 500) * WHITE_D65[0];
  const y = fInv(fy) * WHITE_D65[1];
  const z = fInv(fy - B / 200) * WHITE_D65[2];
  const r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const g = -0.969266 * x + 1.8760108 * y + 0.041556 * z;
  const b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  return [r, g, b].map((c) => Math.min(255, Math.max(0, Math.round(toGamma(Math.max(0, c)) * 255)))) as [
    number,
    number,
    number,
  ];
}
