/**
 * The join address and its QR code for the big screen (issue 15 §1). The address is the one people
 * in the room can reach: the installation's configured address when there is one (CHORUS_BASE_URL),
 * otherwise the address the presenter's own browser used (the same network as the room's phones).
 * The QR code is SVG made by the `qrcode` package: no script, no image request, sharp at any size.
 */
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';

/** The address to join at, without the code: "https://chorus.example.org/join". */
export function joinBase(request: FastifyRequest, configuredBaseUrl: string | undefined): string {
  if (configuredBaseUrl) return `${configuredBaseUrl.replace(/\/$/, '')}/join`;
  return `${request.protocol}://${request.host}/join`;
}

/** The address a QR code opens: the join page with the code filled in. */
export const joinAddress = (base: string, code: string) => `${base}/${code}`;

/**
 * An SVG QR code for a join address, labelled for screen readers. Dark on white at any brand colour
 * (a phone's camera needs the contrast), with a quiet zone.
 */
export async function qrSvg(address: string, label: string): Promise<string> {
  const svg = await QRCode.toString(address, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" focusable="false" class="chorus-live-qr__svg" `);
}
