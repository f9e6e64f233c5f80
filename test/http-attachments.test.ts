/**
 * Photo attachments (src/http/routes/attachments.ts) through the HTTP app in-process: content
 * addressed and idempotent, typed by magic bytes, size-capped, stored as files outside the ledger,
 * readable by the uploader and by those who may see a report that references them, and a report
 * that references a photo never uploaded is refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffImageType } from '../src/http/routes/attachments.js';
import { hazardReport, makeFixture, type Fixture, type Who } from './http-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-attachments-'));
let f: Fixture;

beforeAll(async () => {
  f = await makeFixture({ attachmentsDir: dir });
});
afterAll(async () => {
  await f.app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Bytes that begin like a PNG file (the server checks the signature, it does not decode). */
function pngBytes(seed: string): Uint8Array {
  const head = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return new Uint8Array([...head, ...Buffer.from(`IHDR synthetic test image ${seed}`)]);
}
const jpegBytes = (seed: string) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`JFIF ${seed}`)]);
const webpBytes = (seed: string) =>
  new Uint8Array([...Buffer.from('RIFF'), 0x10, 0, 0, 0, ...Buffer.from(`WEBPVP8 ${seed}`)]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function upload(
  body: Uint8Array,
  type = 'image/png',
  who: Parameters<Fixture['request']>[0] = 'field-surveyor',
) {
  return f.request(who, '/api/attachments', { method: 'POST', headers: { 'content-type': type }, body });
}

function submit(attachments: unknown[], name: string, who: Who = 'field-surveyor') {
  return f.request(who, '/api/commands/landrelease.submit', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      payload: { kind: 'hazard', report: hazardReport(name, 24.3, 60.3, { attachments } as never) },
    }),
  });
}

describe('photo attachments', () => {
  it('tells JPEG, PNG and WebP apart by their first bytes and nothing else', () => {
    expect(sniffImageType(jpegBytes('a'))).toBe('image/jpeg');
    expect(sniffImageType(pngBytes('a'))).toBe('image/png');
    expect(sniffImageType(webpBytes('a'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a...'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
  });

  it('stores a photo under the SHA-256 of its bytes in the attachments folder, and a second upload of the same bytes is the same photo', async () => {
    const body = pngBytes('one');
    const first = await upload(body);
    expect(first.status).toBe(201);
    const ref = (await first.json()) as { sha256: string; mediaType: string; bytes: number };
    expect(ref).toEqual({ sha256: sha(body), mediaType: 'image/png', bytes: body.length });
    const file = join(dir, ref.sha256.slice(0, 2), ref.sha256);
    expect(readFileSync(file)).toEqual(Buffer.from(body));
    const again = await upload(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(ref);
    const back = await f.request('field-surveyor', `/api/attachments/${ref.sha256}`);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(body);
  });

  it('refuses bytes that are not an image, bytes that contradict their content type, and a declared type it does not take', async () => {
    const text = await upload(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(text.status).toBe(415);
    expect(((await text.json()) as { code: string }).code).toBe('ATTACHMENT_TYPE');
    const liar = await upload(jpegBytes('x'), 'image/png');
    expect(((await liar.json()) as { details: { code: string; path: string }[] }).details[0]).toMatchObject({
      code: 'ATTACHMENT_TYPE',
      path: 'content-type',
    });
    const svg = await upload(new TextEncoder().encode('<svg/>'), 'image/svg+xml');
    expect(((await svg.json()) as { code: string }).code).toBe('HTTP_UNSUPPORTED_MEDIA_TYPE');
    expect((await upload(webpBytes('w'), 'image/webp')).status).toBe(201);
  });

  it('refuses a photo over 10 MiB, whether its length is declared or not, and writes nothing', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const r = await upload(big, 'image/jpeg');
    expect(r.status).toBe(413);
    expect(existsSync(join(dir, sha(big).slice(0, 2), sha(big)))).toBe(false);
  });

  it('lets only users who may submit field reports upload, and asks an anonymous caller to log in', async () => {
    expect((await upload(pngBytes('p'), 'image/png', 'public')).status).toBe(403);
    expect((await upload(pngBytes('p'), 'image/png', 'anonymous')).status).toBe(401);
  });

  it('refuses a report that references a photo never uploaded, or one described with another size, naming the reference', async () => {
    const never = pngBytes('never uploaded');
    const r = await submit(
      [{ sha256: sha(never), mediaType: 'image/png', bytes: never.length }],
      'missing photo',
    );
    expect(r.status).toBe(422);
    const body = (await r.json()) as { code: string; details: { code: string; path: string }[] };
    expect(body.code).toBe('ATTACHMENT_MISSING');
    expect(body.details[0]?.path).toBe('payload.report.attachments[0]');
    const real = pngBytes('sized');
    await upload(real);
    const wrongSize = await submit(
      [{ sha256: sha(real), mediaType: 'image/png', bytes: real.length + 1 }],
      'wrong size',
    );
    expect(((await wrongSize.json()) as { code: string }).code).toBe('ATTACHMENT_MISSING');
  });

  it('tells which photos it holds only to a caller who may submit: anyone else is refused as on the generic route', async () => {
    const held = pngBytes('held for the probe');
    await upload(held);
    const never = pngBytes('never uploaded either');
    for (const photo of [held, never]) {
      const r = await submit(
        [{ sha256: sha(photo), mediaType: 'image/png', bytes: photo.length }],
        'probe',
        'public',
      );
      expect(r.status).toBe(403);
      expect(((await r.json()) as { code: string }).code).toBe('AUTH_FORBIDDEN');
    }
  });

  it('records a report with its uploaded photo once, and shows the photo to a reviewer who may see the report but not to a user who may not', async () => {
    const photo = jpegBytes('evidence');
    const ref = (await (await upload(photo, 'image/jpeg')).json()) as {
      sha256: string;
      mediaType: string;
      bytes: number;
    };
    // Before any report references it, only the uploader may read it.
    expect((await f.request('im-officer', `/api/attachments/${ref.sha256}`)).status).toBe(404);
    const r = await submit([ref], 'with a photo');
    expect(r.status).toBe(201);
    const submissionId = ((await r.json()) as { result: { submissionId: string } }).result.submissionId;
    const doc = await f.app.store.getDoc('landrelease-submissions', submissionId);
    expect((doc?.data['report'] as { attachments: unknown }).attachments).toEqual([ref]);
    const seen = await f.request('im-officer', `/api/attachments/${ref.sha256}`);
    expect(seen.status).toBe(200);
    expect(new Uint8Array(await seen.arrayBuffer())).toEqual(photo);
    expect((await f.request('public', `/api/attachments/${ref.sha256}`)).status).toBe(404);
    expect((await f.request('anonymous', `/api/attachments/${ref.sha256}`)).status).toBe(401);
    expect((await f.request('im-officer', '/api/attachments/not-a-hash')).status).toBe(400);
  });

  it('audits every photo it serves, by reader, photo and the classification of the report that holds it, and nothing it refuses', async () => {
    const photoReads = async () =>
      (
        await f.app.store.findDocs({
          collection: 'audit',
          where: { op: '=', field: 'type', value: 'audit.read-recorded' },
          orderBy: { field: 'seq' },
        })
      )
        .map((d) => d.data)
        .filter((d) => d['collection'] === 'attachments');
    const photo = pngBytes('audited');
    const ref = (await (await upload(photo)).json()) as { sha256: string; mediaType: string; bytes: number };
    const before = (await photoReads()).length;
    // The uploader reads back a photo no report holds yet: audited as restricted, never as public.
    expect((await f.request('field-surveyor', `/api/attachments/${ref.sha256}`)).status).toBe(200);
    expect((await f.request('im-officer', `/api/attachments/${ref.sha256}`)).status).toBe(404);
    expect((await submit([ref], 'audited photo')).status).toBe(201);
    expect((await f.request('im-officer', `/api/attachments/${ref.sha256}`)).status).toBe(200);
    expect((await f.request('public', `/api/attachments/${ref.sha256}`)).status).toBe(404);
    const logged = (await photoReads()).slice(before);
    expect(logged.map((d) => [d['actor'], d['records'], d['route']])).toEqual(
      [f.actors.get('field-surveyor'), f.actors.get('im-officer')].map((a) => [
        a?.id,
        [{ id: ref.sha256, classification: 'restricted' }],
        `GET /api/attachments/${ref.sha256}`,
      ]),
    );
  });
});
