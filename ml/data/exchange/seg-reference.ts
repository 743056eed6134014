// The reference a DICOM SEG needs, read from the DICOM series a case was imported from: study, series,
// SOPInstanceUIDs in slice order (the same order readDicomSeries gives the volume's slices), frame of
// reference and the patient/study attributes the SEG must repeat to be filed with its source.
// Reads headers only (no pixel data).

import { readFile } from 'node:fs/promises';
import { getString, parseDicom, Tag } from '../io/dicom/index.js';
import { groupSeries, scanImageHeaders } from '../io/dicom/scan-folder.js';
import { seriesGeometry } from '../io/dicom/series-geometry.js';
import { VolumeFormatError } from '../io/errors.js';
import type { DicomSegReference } from './seg-dataset.js';

export async function referenceFromDicomSeries(dir: string, seriesUid?: string): Promise<DicomSegReference> {
  const series = groupSeries(await scanImageHeaders(dir));
  const chosen = seriesUid === undefined ? series[0] : series.find((s) => s.uid === seriesUid);
  if (!chosen) {
    throw new VolumeFormatError(
      dir,
      seriesUid === undefined
        ? 'no DICOM images in this folder'
        : `no series with SeriesInstanceUID ${seriesUid}`,
    );
  }
  const geometry = seriesGeometry(dir, chosen.headers);
  const first = geometry.slices[0]!;
  const ds = parseDicom(new Uint8Array(await readFile(first.file)), first.file);
  if (!ds) throw new VolumeFormatError(first.file, 'is no longer a DICOM file', 'io');
  const text = (tag: number) => getString(ds, tag);
  const studyInstanceUid = first.studyUid;
  if (!studyInstanceUid || !chosen.uid)
    throw new VolumeFormatError(
      first.file,
      'has no StudyInstanceUID or SeriesInstanceUID; a SEG cannot reference it',
    );
  const missing = geometry.slices.find((h) => !h.sopInstanceUid);
  if (missing) throw new VolumeFormatError(missing.file, 'has no SOPInstanceUID; a SEG cannot reference it');
  const ref: DicomSegReference = {
    studyInstanceUid,
    seriesInstanceUid: chosen.uid,
    sopInstanceUids: geometry.slices.map((h) => h.sopInstanceUid as string),
  };
  const optional: [keyof DicomSegReference, number][] = [
    ['frameOfReferenceUid', Tag.FrameOfReferenceUid],
    ['sopClassUid', Tag.SopClassUid],
    ['patientId', Tag.PatientId],
    ['patientName', Tag.PatientName],
    ['patientBirthDate', Tag.PatientBirthDate],
    ['patientSex', Tag.PatientSex],
    ['studyDate', Tag.StudyDate],
    ['studyTime', Tag.StudyTime],
    ['studyId', Tag.StudyId],
    ['accessionNumber', Tag.AccessionNumber],
    ['referringPhysicianName', Tag.ReferringPhysicianName],
  ];
  for (const [key, tag] of optional) {
    const value = text(tag);
    if (value !== undefined) (ref as unknown as Record<string, string>)[key] = value;
  }
  return ref;
}
