// The bytes of a file uploaded to the fake Slack's upload URL (files.uploadV2's second step), kept
// as a Buffer so a PNG can be decoded: the raw body, or the first file part of a multipart form.
export function uploadedBytes(raw: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return raw;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf(marker);
  if (start < 0) return Buffer.alloc(0);
  const headerEnd = raw.indexOf('\r\n\r\n', start);
  const next = raw.indexOf(marker, headerEnd);
  if (headerEnd < 0 || next < 0) return Buffer.alloc(0);
  return raw.subarray(headerEnd + 4, next - 2); // the part ends with CRLF before the next marker
}
