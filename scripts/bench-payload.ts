/**
 * Team scorecard payload size for `scripts/bench --only payload`: the bytes of
 * `GET /teams/:namespace/:name` in the full and the compact format
 * (`?format=compact`), uncompressed and as the server sends them gzipped
 * (`Accept-Encoding: gzip`), per component, against the targets of issue 18.
 */
import http from 'node:http';
import type { SyntheticCatalog } from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';

/** Issue 18: a 2,000-component team scorecard ≤ 600 KB uncompressed. */
export const PAYLOAD_TARGET_KB_FOR_2000 = 600;
/** Issue 18: ≤ 300 bytes per component before compression. */
export const PAYLOAD_TARGET_BYTES_PER_COMPONENT = 300;

/** Sizes of one format. */
export interface PayloadSize {
  /** Body bytes without compression. */
  bytes: number;
  /** Body bytes the server sent for `Accept-Encoding: gzip`. */
  gzipBytes: number;
  /** Whether the server actually compressed (Content-Encoding: gzip). */
  gzipped: boolean;
  /** Uncompressed bytes per scorecard row. */
  bytesPerComponent: number;
}

/** What the payload case reports. */
export interface PayloadResult {
  team: string;
  /** Rows of the scorecard (the sub-tree's components and Resources). */
  components: number;
  full: PayloadSize;
  compact: PayloadSize;
  /** Compact bytes for 2,000 rows: measured bytes per row × 2000. */
  compactBytesFor2000: number;
  targets: Array<{ name: string; value: string; met: boolean }>;
}

/**
 * The team the payload is measured on: the smallest sub-tree of the synthetic
 * 10-ary hierarchy with at least 2,000 components (the root when none is that
 * large: at 10,000 components the departments hold ~1,100 each).
 */
export function pickPayloadTeam(
  synthetic: Pick<SyntheticCatalog, 'componentRefs' | 'groupRefs'>,
): {
  ref: string;
  components: number;
} {
  const groups = synthetic.groupRefs.length;
  const subtree = new Array<number>(groups).fill(0);
  for (let i = 0; i < synthetic.componentRefs.length; i++)
    subtree[i % groups]++;
  for (let g = groups - 1; g > 0; g--)
    subtree[Math.floor((g - 1) / 10)] += subtree[g];
  let best = 0;
  for (let g = 0; g < groups; g++) {
    if (subtree[g] >= 2000 && subtree[g] < subtree[best]) best = g;
  }
  return { ref: synthetic.groupRefs[best], components: subtree[best] };
}

function get(
  url: string,
  encoding: 'identity' | 'gzip',
): Promise<{ status: number; body: Buffer; contentEncoding?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { 'accept-encoding': encoding, accept: 'application/json' } },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            contentEncoding: res.headers['content-encoding'],
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/** Sizes of one answer and its number of rows. */
async function measure(url: string): Promise<{
  bytes: number;
  gzipBytes: number;
  gzipped: boolean;
  rows: number;
}> {
  const plain = await get(url, 'identity');
  if (plain.status !== 200) throw new Error(`${url}: HTTP ${plain.status}`);
  if (plain.contentEncoding && plain.contentEncoding !== 'identity')
    throw new Error(
      `${url}: compressed (${plain.contentEncoding}) for identity`,
    );
  const { components } = JSON.parse(plain.body.toString('utf8')) as {
    components: unknown[];
  };
  const gzip = await get(url, 'gzip');
  return {
    bytes: plain.body.length,
    gzipBytes: gzip.body.length,
    gzipped: gzip.contentEncoding === 'gzip',
    rows: components.length,
  };
}

/** Measures the full and compact scorecard of `team` on a running backend. */
export async function measurePayload(options: {
  baseUrl: string;
  teamPath: string;
  team: string;
}): Promise<PayloadResult> {
  const { baseUrl, teamPath, team } = options;
  const fullAnswer = await measure(`${baseUrl}${teamPath}`);
  const compactAnswer = await measure(`${baseUrl}${teamPath}?format=compact`);
  // Rows of the scorecard: the sub-tree's components and the Resources it owns.
  const components = compactAnswer.rows;
  if (fullAnswer.rows !== components) {
    throw new Error(
      `full (${fullAnswer.rows}) and compact (${components}) rows differ`,
    );
  }
  const size = ({ rows: _rows, ...s }: typeof fullAnswer): PayloadSize => ({
    ...s,
    bytesPerComponent: Math.round(s.bytes / Math.max(1, components)),
  });
  const full = size(fullAnswer);
  const compact = size(compactAnswer);
  const compactBytesFor2000 = Math.round(
    (compact.bytes / Math.max(1, components)) * 2000,
  );
  return {
    team,
    components,
    full,
    compact,
    compactBytesFor2000,
    targets: [
      {
        name: `team scorecard ≤ ${PAYLOAD_TARGET_BYTES_PER_COMPONENT} bytes per component (compact, uncompressed)`,
        value: `${compact.bytesPerComponent} bytes`,
        met: compact.bytesPerComponent <= PAYLOAD_TARGET_BYTES_PER_COMPONENT,
      },
      {
        name: `team scorecard of 2,000 components ≤ ${PAYLOAD_TARGET_KB_FOR_2000} KB uncompressed (compact)`,
        value: `${(compactBytesFor2000 / 1024).toFixed(0)} KB${
          components === 2000
            ? ''
            : ` (${components} rows measured, scaled per row)`
        }`,
        met: compactBytesFor2000 <= PAYLOAD_TARGET_KB_FOR_2000 * 1024,
      },
    ],
  };
}

/** Prints the payload table and its targets. */
export function printPayload(p: PayloadResult) {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  console.log(
    `team scorecard payload, ${p.team} (${p.components} components):`,
  );
  for (const [name, s] of [
    ['full', p.full],
    ['compact', p.compact],
  ] as const) {
    console.log(
      `  ${name.padEnd(8)} ${kb(s.bytes).padStart(10)} uncompressed, ${String(
        s.bytesPerComponent,
      ).padStart(4)} bytes/component, ${kb(s.gzipBytes).padStart(9)} ${
        s.gzipped ? 'gzip' : 'as sent (not compressed)'
      }`,
    );
  }
}
