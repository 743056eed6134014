// Transfer syntax UIDs: which ones we can read, and readable names for the ones we cannot.

export const TransferSyntax = {
  ImplicitVrLittleEndian: '1.2.840.10008.1.2',
  ExplicitVrLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVrLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVrBigEndian: '1.2.840.10008.1.2.2',
} as const;

/** How the data set after the file meta group is encoded. */
export interface Encoding {
  littleEndian: boolean;
  explicitVr: boolean;
}

const COMPRESSED_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2.1.98': 'Encapsulated Uncompressed Explicit VR Little Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

/** "JPEG Lossless SV1 (1.2.840.10008.1.2.4.70)", for messages. */
export function describeTransferSyntax(uid: string): string {
  const names: Record<string, string> = {
    [TransferSyntax.ImplicitVrLittleEndian]: 'Implicit VR Little Endian',
    [TransferSyntax.ExplicitVrLittleEndian]: 'Explicit VR Little Endian',
    [TransferSyntax.DeflatedExplicitVrLittleEndian]: 'Deflated Explicit VR Little Endian',
    [TransferSyntax.ExplicitVrBigEndian]: 'Explicit VR Big Endian',
    ...COMPRESSED_NAMES,
  };
  const name = names[uid];
  return name ? `${name} (${uid})` : `transfer syntax ${uid}`;
}

/** True for the three syntaxes whose pixel data is stored uncompressed, which are the ones we decode. */
export function isNativeSyntax(uid: string): boolean {
  return (
    uid === TransferSyntax.ImplicitVrLittleEndian ||
    uid === TransferSyntax.ExplicitVrLittleEndian ||
    uid === TransferSyntax.ExplicitVrBigEndian
  );
}

/**
 * The encoding of the data set. Every syntax other than implicit VR LE and explicit VR BE (all the
 * compressed ones included) encodes the data set itself as explicit VR little endian, so headers of
 * compressed files can still be read; only deflate compresses the data set itself.
 */
export function encodingOf(uid: string): Encoding {
  if (uid === TransferSyntax.ImplicitVrLittleEndian) return { littleEndian: true, explicitVr: false };
  if (uid === TransferSyntax.ExplicitVrBigEndian) return { littleEndian: false, explicitVr: true };
  return { littleEndian: true, explicitVr: true };
}
