import { type KeyObject, sign } from 'node:crypto';

export const AUTHORIZATION_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

export interface RequestToSign {
  method: string;
  /** Path plus `?query` exactly as sent: no scheme, no host. */
  pathAndQuery: string;
  /** The exact body sent, '' for none. */
  body: string;
  /** Unix seconds. */
  timestamp: number;
  nonce: string;
}

/** `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`: the trailing newline stays even when the body is empty. */
export function requestSignatureMessage(req: RequestToSign): string {
  if (!req.pathAndQuery.startsWith('/')) throw new RangeError('pathAndQuery must start with / (no scheme or host)');
  return `${req.method.toUpperCase()}\n${req.pathAndQuery}\n${req.timestamp}\n${req.nonce}\n${req.body}\n`;
}

/**
 * Builds the Authorization header of a merchant request. Timestamp and nonce are the caller's, so
 * the same request can be signed reproducibly in tests and freshly on each retry in production.
 */
export class RequestSigner {
  constructor(
    private readonly mchid: string,
    private readonly serialNo: string,
    private readonly privateKey: KeyObject,
  ) {}

  authorization(req: RequestToSign): string {
    const signature = sign('sha256', Buffer.from(requestSignatureMessage(req), 'utf8'), this.privateKey).toString('base64');
    return (
      `${AUTHORIZATION_SCHEMA} mchid="${this.mchid}",nonce_str="${req.nonce}",signature="${signature}",` +
      `timestamp="${req.timestamp}",serial_no="${this.serialNo}"`
    );
  }
}
