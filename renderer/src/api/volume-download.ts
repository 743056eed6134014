// `cases.volume` over HTTP read as a stream, so a big scan shows download progress. Same wire format as
// the contract's HTTP client (shared constants); errors come back as the same CoreError kinds.
import { CoreError, fromErrorData, isErrorData } from '../../../electron/contract/errors.js';
import { CALL_PREFIX, VOLUME_HEADER } from '../../../electron/contract/transport/http-protocol.js';
import type { VolumeHeader, VolumePayload } from '../../../electron/contract/types.js';

export async function fetchVolumeWithProgress(
  base: string,
  token: string,
  caseId: number,
  onProgress: (loaded: number, total: number | null) => void,
): Promise<VolumePayload> {
  let res: Response;
  try {
    res = await fetch(`${base}${CALL_PREFIX}cases.volume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ caseId }),
    });
  } catch (err) {
    throw new CoreError('io', `cannot reach the CBCT Workbench server at ${base}: ${(err as Error).message}`);
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok || !type.startsWith('application/octet-stream') || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    if (body && isErrorData(body.error)) throw fromErrorData(body.error);
    throw new CoreError('internal', `cases.volume: unexpected HTTP ${res.status} from the server`);
  }
  const header = JSON.parse(decodeURIComponent(res.headers.get(VOLUME_HEADER) ?? '')) as VolumeHeader;
  const lengthHeader = Number(res.headers.get('content-length'));
  const total = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : null;
  const reader = res.body.getReader();
  let data = new Uint8Array(total ?? 1 << 20);
  let loaded = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (loaded + value.length > data.length) {
      const grown = new Uint8Array(Math.max(data.length * 2, loaded + value.length));
      grown.set(data.subarray(0, loaded));
      data = grown;
    }
    data.set(value, loaded);
    loaded += value.length;
    onProgress(loaded, total);
  }
  return { header, data: loaded === data.length ? data : data.slice(0, loaded) };
}
